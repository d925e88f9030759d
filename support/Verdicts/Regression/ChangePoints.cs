using MangaMotion.Acceptance.Results.History;
using Perfolizer.Mathematics.Cpd;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>One run's value of a figure in a trend.</summary>
public sealed record TrendPoint(string Run, DateTimeOffset? At, string? TargetVersion, double Value);

/// <summary>
/// Where a figure's level shifted over the history. EdPelt (Perfolizer) proposes the shifts; one is
/// named only when the runs on either side do not overlap at all, their medians differ by more than the
/// tolerance, and the two levels' difference clears the tolerance with its whole 95 % interval (as a
/// regression must), so the noise of a shared machine does not name a change. A shift at the newest
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
        return separate && was > 0 && Math.Abs(now / was - 1) * 100 > tolerancePercent && SureBeyond(before, after, tolerancePercent);
    }

    /// <summary>
    /// Whether the shift, like a regression, lies past the tolerance with its whole 95 % interval: Welch's interval
    /// for the difference of the two levels' mean logs, so a level's own run-to-run scatter widens it.
    /// </summary>
    private static bool SureBeyond(double[] before, double[] after, double tolerancePercent)
    {
        if (before.Any(v => v <= 0) || after.Any(v => v <= 0)) return true;
        static (double Mean, double Variance, int N) Of(double[] values)
        {
            var logs = values.Select(v => Math.Log(v)).ToArray();
            var mean = logs.Average();
            return (mean, logs.Sum(l => (l - mean) * (l - mean)) / Math.Max(1, logs.Length - 1), logs.Length);
        }
        var (b, a) = (Of(before), Of(after));
        var (vb, va) = (b.Variance / b.N, a.Variance / a.N);
        var se = Math.Sqrt(vb + va);
        if (se <= 0) return true;
        var freedom = (vb + va) * (vb + va) / (vb * vb / Math.Max(1, b.N - 1) + va * va / Math.Max(1, a.N - 1));
        var low = Math.Abs(a.Mean - b.Mean) - RunToRunSpread.StudentQuantile975((int)Math.Max(1, Math.Floor(freedom))) * se;
        return (Math.Exp(low) - 1) * 100 > tolerancePercent;
    }

    private static ChangePoint At(string test, string figure, string unit, TrendPoint run, double before, double after, bool provisional) =>
        new(test, figure, run.Run, run.At, run.TargetVersion, Math.Round(before, 3), Math.Round(after, 3), unit, provisional);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
