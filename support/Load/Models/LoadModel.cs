namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// A workload model, as k6 and NBomber users know them. Pure data: it validates itself and produces
/// a plan; the schedulers that execute plans live apart from it.
/// </summary>
public abstract record LoadModel
{
    /// <summary>Hard caps that keep a mistyped setting from flooding a target.</summary>
    public const int MaxUsersCap = 10_000;
    public const double MaxRateCap = 100_000;
    public static readonly TimeSpan MaxDurationCap = TimeSpan.FromHours(6);

    public abstract string Kind { get; }

    public abstract IEnumerable<PlanError> Validate();

    protected abstract LoadPlan BuildPlan();

    /// <exception cref="InvalidPlanException">naming every setting that cannot run</exception>
    public LoadPlan Plan()
    {
        var errors = Validate().ToList();
        if (errors.Count > 0) throw new InvalidPlanException(Kind, errors);
        return BuildPlan();
    }

    protected static IEnumerable<PlanError> CheckUsers(string setting, int users, int min = 1)
    {
        if (users < min || users > MaxUsersCap) yield return new PlanError(setting, $"{users} is outside {min}..{MaxUsersCap} users");
    }

    protected static IEnumerable<PlanError> CheckDuration(string setting, TimeSpan duration, bool allowZero = false)
    {
        if (duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero) || duration > MaxDurationCap)
            yield return new PlanError(setting, $"{duration} is outside {(allowZero ? "0s" : "more than 0s")}..{MaxDurationCap}");
    }

    protected static IEnumerable<PlanError> CheckStages(IReadOnlyList<Stage> stages, double maxTarget, string unit)
    {
        if (stages.Count == 0) yield return new PlanError("stages", "at least one stage is needed");
        for (var i = 0; i < stages.Count; i++)
        {
            foreach (var e in CheckDuration($"stages[{i}].duration", stages[i].Duration, allowZero: true)) yield return e;
            if (stages[i].Target < 0 || stages[i].Target > maxTarget)
                yield return new PlanError($"stages[{i}].target", $"{stages[i].Target} is outside 0..{maxTarget} {unit}");
        }
        if (stages.Count > 0 && stages.All(s => s.Duration == TimeSpan.Zero)) yield return new PlanError("stages", "the stages last no time at all");
    }

    /// <summary>Lays stages end to end from a starting value.</summary>
    protected static IReadOnlyList<PlannedStage> Place(double start, IReadOnlyList<Stage> stages, string unit)
    {
        var placed = new List<PlannedStage>();
        var at = TimeSpan.Zero;
        var from = start;
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var name = s.Name ?? (s.Duration == TimeSpan.Zero ? $"jump to {s.Target:0.##} {unit}" : $"to {s.Target:0.##} {unit} over {s.Duration}");
            placed.Add(new PlannedStage(i, name, at, at + s.Duration, from, s.Target));
            at += s.Duration;
            from = s.Target;
        }
        return placed;
    }
}
