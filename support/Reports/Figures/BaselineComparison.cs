using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports.Figures;

/// <summary>How far a figure may move against the baseline before it is flagged (the guide's defaults: p95 +20 %, success -1 point).</summary>
public sealed record Tolerance(double P95IncreasePercent = 20, double SuccessDropPoints = 1);

/// <summary>One figure now and in the baseline. Change is in percent for latencies and counts, in points for success rates.</summary>
public sealed record FigureChange(KeyFigure Now, double? Before, double? Change, bool Regressed)
{
    public string ChangeText => Change is not { } c ? "new" : Now.Kind == FigureKind.Success ? $"{c:+0.0;-0.0;0} pt" : $"{c:+0;-0;0} %";
}

/// <summary>
/// A run compared with a baseline run, figure by figure, like with like: only the tests both runs ran,
/// and a difference is flagged past the tolerance only when both figures stand on enough samples.
/// </summary>
public sealed record Comparison(string Baseline, DateTimeOffset? BaselineStartedAt, string? BaselineProfile, Tolerance Tolerance, IReadOnlyList<FigureChange> Changes)
{
    /// <summary>Fewer samples than this on either side: the difference is shown, never flagged.</summary>
    public const int MinSamples = 20;

    /// <summary>Tests this run ran that the baseline did not: not compared.</summary>
    public IReadOnlyList<string> NotInBaseline { get; init; } = [];

    public IReadOnlyList<FigureChange> Regressions => Changes.Where(c => c.Regressed).ToList();

    public static Comparison Between(RunResults now, RunResults before, string baselineName, Tolerance tolerance)
    {
        var previous = KeyFigures.Of(before).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        var both = before.Tests.Select(t => t.Id).Intersect(now.Tests.Select(t => t.Id)).ToHashSet();
        var changes = KeyFigures.Of(now).Where(f => both.Contains(f.Test)).Select(f =>
        {
            if (!previous.TryGetValue(f.Name, out var old)) return new FigureChange(f, null, null, false);
            var was = old.Value;
            var enough = f.Samples is not < MinSamples && old.Samples is not < MinSamples;
            var change = f.Kind == FigureKind.Success ? f.Value - was : was == 0 ? (f.Value == 0 ? 0 : (double?)null) : (f.Value - was) / was * 100;
            var regressed = f.Kind switch
            {
                FigureKind.Success => was - f.Value > tolerance.SuccessDropPoints,
                FigureKind.Latency when f.Name.EndsWith(" p95", StringComparison.Ordinal) => was > 0 && (f.Value - was) / was * 100 > tolerance.P95IncreasePercent,
                _ => false,
            };
            return new FigureChange(f, was, change, regressed && enough);
        }).ToList();
        return new Comparison(baselineName, before.StartedAt, before.Profile, tolerance, changes)
            { NotInBaseline = now.Tests.Select(t => t.Id).Where(t => !both.Contains(t)).ToList() };
    }
}
