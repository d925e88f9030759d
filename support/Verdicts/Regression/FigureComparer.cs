using MangaMotion.Acceptance.Results.History;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>
/// One figure of this run against its baseline window. A latency percentile is compared with the
/// window's runs pooled, its interval the wider of a bootstrap over runs and requests (<see cref="QuantileBootstrap"/>)
/// and the window's own run-to-run spread (<see cref="RunToRunSpread"/>), the rank test of the whole distributions beside it; a success rate with the pooled rate; the jobs'
/// completion P95 (the history keeps no more of it) with the median of the runs' values. A figure has
/// regressed when its whole interval lies past the tolerance; past the tolerance with the interval
/// reaching back inside it is within noise.
/// </summary>
public static class FigureComparer
{
    /// <summary>Fewer requests than this in this run (or an earlier one) and the figure is not compared.</summary>
    public const int MinSamples = 20;

    /// <summary>Fewer earlier runs than this and the run-to-run spread is unknown: not compared (one named run is compared by its own samples).</summary>
    public const int MinRuns = 3;

    public static FigureComparison Compare(RegressionFigure figure, string test, HistoryTest now, IReadOnlyList<HistoryRecord> window, bool named)
    {
        var runs = window.Select(r => r.Run).ToList();
        FigureComparison Unmeasured(string why) => new(test, figure.Words, figure.Tolerance, figure.ChangeUnit, Movement.NotMeasured, null, null, null, null, null, null, runs, why);
        var needed = named ? 1 : MinRuns;
        var earlier = window.Select(r => r.Test(test)!).ToList();
        return figure.Kind switch
        {
            ComparedKind.Latency => Latency(figure, test, now, earlier, runs, needed, Unmeasured),
            ComparedKind.SuccessRate => Success(figure, test, now, earlier, runs, needed, Unmeasured),
            _ => JobCompletion(figure, test, now, earlier, runs, needed, Unmeasured),
        };
    }

    private static FigureComparison Latency(RegressionFigure f, string test, HistoryTest now, List<HistoryTest> earlier, List<string> runs, int needed, Func<string, FigureComparison> unmeasured)
    {
        if (now.Step(f.Step!)?.Histogram is not { } histogram || LatencyDistribution.Decode(histogram) is not { Count: >= MinSamples } current)
            return unmeasured($"needs at least {MinSamples} {f.Step} requests in this run; it has {now.Step(f.Step!)?.Requests ?? 0}");
        var before = earlier.Select(t => t.Step(f.Step!)?.Histogram).OfType<byte[]>().Select(LatencyDistribution.Decode).Where(d => d.Count >= MinSamples).ToList();
        if (before.Count < needed) return unmeasured(TooFew(needed, before.Count));
        var (change, low, high) = QuantileBootstrap.Change(current, before, f.Quantile);
        var scatter = "";
        if (RunToRunSpread.Of(before, f.Quantile) is { } spread)
        {
            // The wider of the two: the bootstrap sees the requests' sampling error, the spread the machine's run-to-run noise.
            var (runLow, runHigh) = RunToRunSpread.Around(change, spread.HalfWidth);
            (low, high) = (Math.Min(low, runLow), Math.Max(high, runHigh));
            scatter = $"; single runs of the window scatter ±{(Math.Exp(spread.Spread) - 1) * 100:0.#} % around the others (t with {spread.DegreesOfFreedom} degrees of freedom)";
        }
        var pooled = LatencyDistribution.Pool(before);
        var rank = Statistics.RankTest(current, pooled);
        return Judged(f, test, current.Quantile(f.Quantile), pooled.Quantile(f.Quantile), change, low, high, rank, runs, "ms", Pooled(runs), scatter);
    }

    private static FigureComparison Success(RegressionFigure f, string test, HistoryTest now, List<HistoryTest> earlier, List<string> runs, int needed, Func<string, FigureComparison> unmeasured)
    {
        if (now.Step(f.Step!) is not { Requests: >= MinSamples } step) return unmeasured($"needs at least {MinSamples} {f.Step} requests in this run; it has {now.Step(f.Step!)?.Requests ?? 0}");
        var before = earlier.Select(t => t.Step(f.Step!)).OfType<HistoryStep>().Where(s => s.Requests >= MinSamples).ToList();
        if (before.Count < needed) return unmeasured(TooFew(needed, before.Count));
        double p = (double)step.Ok / step.Requests, q = (double)before.Sum(s => s.Ok) / before.Sum(s => s.Requests);
        var (low, high) = Statistics.DifferenceInterval(p, step.Requests, q, before.Sum(s => s.Requests));
        // A success rate regresses downwards: the change is turned so that worse is positive, like a latency's.
        return Judged(f, test, p * 100, q * 100, (q - p) * 100, -high * 100, -low * 100, null, runs, "%", Pooled(runs));
    }

    private static FigureComparison JobCompletion(RegressionFigure f, string test, HistoryTest now, List<HistoryTest> earlier, List<string> runs, int needed, Func<string, FigureComparison> unmeasured)
    {
        if (Math.Abs(f.Quantile - 0.95) > 1e-9) return unmeasured("the history keeps the jobs' completion P95 only");
        if (now.JobCompletionP95Seconds is not { } value) return unmeasured("no job of this run was followed to its end");
        var before = earlier.Select(t => t.JobCompletionP95Seconds).OfType<double>().ToList();
        if (before.Count < needed) return unmeasured(TooFew(needed, before.Count));
        var (levelLow, level, levelHigh) = Statistics.MedianInterval(before);
        return Judged(f, test, value, level, Percent(value, level), Percent(value, levelHigh), Percent(value, levelLow), null, runs, "s",
            runs.Count == 1 ? $"run {runs[0]}" : $"the median of {runs.Count} earlier like-for-like runs");
    }

    /// <summary>The change whose interval, as wide as this one, would just clear the tolerance: what a release owner can expect this history to catch.</summary>
    private static double Detectable(RegressionFigure f, double change, double low) =>
        f.ChangeUnit == "pt" ? f.Tolerance + (change - low) : ((1 + f.Tolerance / 100) * (1 + change / 100) / Math.Max(1e-9, 1 + low / 100) - 1) * 100;

    private static string TooFew(int needed, int found) =>
        $"needs at least {needed} earlier like-for-like run{(needed == 1 ? "" : "s")} (same target, profile and applied load, complete); the history has {found}";

    private static string Pooled(List<string> runs) => runs.Count == 1 ? $"run {runs[0]}" : $"{runs.Count} earlier like-for-like runs pooled";

    private static double Percent(double now, double before) => before <= 0 ? 0 : (now / before - 1) * 100;

    /// <param name="change">worse is positive: slower, or fewer successes</param>
    private static FigureComparison Judged(RegressionFigure f, string test, double now, double before, double change, double low, double high, RankComparison? rank, List<string> runs, string unit, string baseline, string scatter = "")
    {
        var movement = low > f.Tolerance ? Movement.Regressed : change > f.Tolerance ? Movement.WithinNoise : high < -f.Tolerance ? Movement.Improved : Movement.NoDetectableChange;
        var u = f.ChangeUnit == "pt" ? " pt" : " %";
        var said = movement switch
        {
            Movement.Regressed => $"regressed beyond the tolerated {f.Tolerance:0.##}{u}",
            Movement.WithinNoise => $"past the tolerated {f.Tolerance:0.##}{u}, but the interval reaches back inside it: within noise",
            Movement.Improved => "improved",
            _ => $"no detectable change beyond the tolerated {f.Tolerance:0.##}{u}",
        };
        var verb = f.Kind == ComparedKind.SuccessRate ? "lower by" : "change";
        if (movement is Movement.WithinNoise or Movement.NoDetectableChange) said += $" (the smallest change this comparison can call regressed: {Detectable(f, change, low):+0.#;-0.#;0}{u})";
        var evidence = $"{f.Words} {now:0.##} {unit} against {before:0.##} {unit} ({baseline}): {verb} {change:+0.#;-0.#;0}{u} (95 % interval {low:+0.#;-0.#;0}{u} to {high:+0.#;-0.#;0}{u}{scatter}), {said}"
            + (rank is null ? "" : $"; {rank.Describe()}");
        return new(test, f.Words, f.Tolerance, f.ChangeUnit, movement, Math.Round(now, 3), Math.Round(before, 3), Math.Round(change, 2), Math.Round(low, 2), Math.Round(high, 2), rank, runs, evidence) { ValueUnit = unit };
    }
}
