namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// Closed model: virtual users follow stages (k6 ramping-vus): ramp up, steady state, ramp down.
/// Users above the target finish their iteration first, for at most <see cref="GracefulRampDown"/>.
/// </summary>
public sealed record RampingUsers(int StartUsers, IReadOnlyList<Stage> Stages, TimeSpan? GracefulRampDown = null) : LoadModel
{
    public override string Kind => "ramping users";

    public TimeSpan Grace => GracefulRampDown ?? TimeSpan.FromSeconds(30);

    /// <summary>
    /// The guide's bottleneck detection: start at <paramref name="initial"/> users and add
    /// <paramref name="step"/> every <paramref name="hold"/> until <paramref name="max"/>; each hold is a named stage.
    /// </summary>
    public static RampingUsers Stepwise(int initial, int max, int step, TimeSpan hold, TimeSpan? gracefulRampDown = null)
    {
        var stages = new List<Stage>();
        for (long users = initial; users <= max && step > 0; users += step)
        {
            if (stages.Count > 0) stages.Add(new Stage(TimeSpan.Zero, users));
            stages.Add(new Stage(hold, users, $"{users} users"));
        }
        if (step <= 0) stages.Add(new Stage(hold, initial, $"{initial} users"));
        return new RampingUsers(initial, stages, gracefulRampDown);
    }

    public override IEnumerable<PlanError> Validate() =>
        CheckUsers("startUsers", StartUsers, min: 0)
            .Concat(CheckStages(Stages, MaxUsersCap, "users"))
            .Concat(CheckDuration("gracefulRampDown", Grace, allowZero: true))
            .Concat(Stages.Count > 0 && Math.Max(StartUsers, Stages.Max(s => s.Target)) < 1
                ? [new PlanError("stages", "no stage has any users")] : []);

    protected override LoadPlan BuildPlan()
    {
        var placed = Place(StartUsers, Stages, "users");
        var max = (int)Math.Ceiling(Math.Max(StartUsers, Stages.Max(s => s.Target)));
        var duration = placed[^1].End;
        return new LoadPlan(Kind, false, duration, placed, max, Grace, $"{StartUsers} to {max} users over {duration} in {Stages.Count} stages");
    }
}
