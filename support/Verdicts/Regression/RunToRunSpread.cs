using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>
/// How far one healthy run's percentile strays from its window's pool, learned from the window itself:
/// each run's percentile against the others pooled (leave one out), on a log scale. A new run is one more
/// draw of the same kind, so its change has a 95 % prediction interval of ± t(0.975, k − 1) times that
/// spread. It holds what a request bootstrap cannot see: a busy machine's run-to-run noise (scheduling,
/// caches, neighbours), which moves every request of a run together.
/// </summary>
public static class RunToRunSpread
{
    /// <summary>The spread needs at least this many runs (two runs give one degree of freedom and no second opinion).</summary>
    public const int MinRuns = 3;

    /// <returns>null below <see cref="MinRuns"/> runs; else the spread (sd of log ratios), the prediction half-width on the log scale and k − 1</returns>
    public static (double Spread, double HalfWidth, int DegreesOfFreedom)? Of(IReadOnlyList<LatencyDistribution> runs, double q)
    {
        if (runs.Count < MinRuns) return null;
        var ratios = runs.Select((run, i) =>
            Math.Log(run.Quantile(q) / LatencyDistribution.Pool(runs.Where((_, j) => j != i)).Quantile(q))).ToList();
        var mean = ratios.Average();
        var spread = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (ratios.Count - 1));
        var freedom = runs.Count - 1;
        return (spread, StudentQuantile975(freedom) * spread, freedom);
    }

    public static double StudentQuantile975(int degreesOfFreedom) => new StudentDistribution(degreesOfFreedom).Quantile(0.975);

    /// <summary>A change in percent widened by a log-scale half-width: (low, high) in percent.</summary>
    public static (double Low, double High) Around(double changePercent, double halfWidth)
    {
        var log = Math.Log(1 + changePercent / 100);
        return ((Math.Exp(log - halfWidth) - 1) * 100, (Math.Exp(log + halfWidth) - 1) * 100);
    }
}
