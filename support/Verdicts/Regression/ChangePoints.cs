using MangaMotion.Acceptance.Results.History;
using Perfolizer.Mathematics.Cpd;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>One run's value of a figure in a trend.</summary>
public sealed record TrendPoint(string Run, DateTimeOffset? At, string? TargetVersion, double Value);

/// <summary>
/// Where a figure's level shifted over the history. EdPelt (Perfolizer) proposes the shifts; one is
/// named only when the runs on either side do not overlap at all and their medians differ by more
/// than the tolerance, so the noise of a shared machine does not name a change. A shift at the newest
/// run alone cannot be told from an outlier by its history: it is named, as provisional, when the
/// run's regression comparison says the figure regressed.
/// </summary>
public static class ChangePoints
{
    /// <summary>Runs a level must hold on each side of a shift found in the history.</summary>
    public const int MinRunsPerLevel = 3;

    public static IReadOnlyList<ChangePoint> Find(string test, string figure, string unit, IReadOnlyList<TrendPoint> series, double tolerancePercent, bool newestRegressed)
    {
        var found = new List<ChangePoint>();
        var values = series.Select(p => p.Value).ToArray();
        if (values.Length >= 2 * MinRunsPerLevel + 1)
        {
            foreach (var proposed in EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, MinRunsPerLevel))
            {
                var start = Refine(values, proposed);
                if (start is { } s && Shifted(values[..s], values[s..], tolerancePercent))
                    found.Add(At(test, figure, unit, series[s], Median(values[Math.Max(0, s - 10)..s]), Median(values[s..]), provisional: false));
            }
        }
        if (newestRegressed && series.Count >= 2 && found.All(c => c.Run != series[^1].Run))
            found.Add(At(test, figure, unit, series[^1], Median(values[Math.Max(0, values.Length - 11)..^1]), values[^1], provisional: true));
        return found.DistinctBy(c => c.Run).ToList();
    }

    /// <summary>EdPelt's index marks the neighbourhood of a shift; the new level starts where the two sides differ most.</summary>
    private static int? Refine(double[] values, int proposed)
    {
        var candidates = Enumerable.Range(proposed, 3).Where(s => s >= MinRunsPerLevel && values.Length - s >= MinRunsPerLevel).ToList();
        return candidates.Count == 0 ? null : candidates.MaxBy(s => Math.Abs(Median(values[s..]) - Median(values[..s])));
    }

    private static bool Shifted(double[] before, double[] after, double tolerancePercent)
    {
        double was = Median(before), now = Median(after);
        var separate = after.Min() > before.Max() || after.Max() < before.Min();
        return separate && was > 0 && Math.Abs(now / was - 1) * 100 > tolerancePercent;
    }

    private static ChangePoint At(string test, string figure, string unit, TrendPoint run, double before, double after, bool provisional) =>
        new(test, figure, run.Run, run.At, run.TargetVersion, Math.Round(before, 3), Math.Round(after, 3), unit, provisional);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
