using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>
/// A 95 % interval for how much a latency percentile of this run differs from the baseline runs' pooled
/// percentile, by a two-level bootstrap: each round draws the baseline runs again with replacement (so the
/// spread between runs of a busy machine is inside the interval) and the requests of the drawn runs and
/// of this run again. A resample's percentile is drawn directly: the k-th smallest of M draws from a
/// distribution falls at a Beta(k, M−k+1) fraction of it, so no round draws M values.
/// </summary>
public static class QuantileBootstrap
{
    public const int Rounds = 2000;

    // Fixed: the judge answers the same at every checkpoint and on every machine.
    private const int Seed = 20261204;

    /// <returns>the change in percent (this run's percentile over the pooled baseline's, minus one) and its interval</returns>
    public static (double Change, double Low, double High) Change(LatencyDistribution now, IReadOnlyList<LatencyDistribution> runs, double q)
    {
        var grid = now.Buckets.Select(b => b.Ms).Concat(runs.SelectMany(r => r.Buckets.Select(b => b.Ms))).Distinct().Order().ToArray();
        var nowCounts = Counts(now, grid);
        var runCounts = runs.Select(r => Counts(r, grid)).ToList();
        var all = new long[grid.Length];
        foreach (var counts in runCounts) Add(all, counts);
        var change = Percent(At(nowCounts, grid, q), At(all, grid, q));

        var random = new Random(Seed);
        var pooled = new long[grid.Length];
        var changes = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            Array.Clear(pooled);
            for (var i = 0; i < runCounts.Count; i++) Add(pooled, runCounts[random.Next(runCounts.Count)]);
            changes[round] = Percent(Resampled(nowCounts, grid, q, random), Resampled(pooled, grid, q, random));
        }
        Array.Sort(changes);
        return (change, changes[(int)(0.025 * Rounds)], changes[(int)(0.975 * Rounds) - 1]);
    }

    private static double Percent(double now, double before) => before <= 0 ? 0 : (now / before - 1) * 100;

    private static long[] Counts(LatencyDistribution d, double[] grid)
    {
        var counts = new long[grid.Length];
        foreach (var b in d.Buckets) counts[Array.BinarySearch(grid, b.Ms)] += b.Count;
        return counts;
    }

    private static void Add(long[] into, long[] counts)
    {
        for (var i = 0; i < into.Length; i++) into[i] += counts[i];
    }

    /// <summary>The percentile with HdrHistogram's rank, as the run's figures give it.</summary>
    private static double At(long[] counts, double[] grid, double q)
    {
        var total = counts.Sum();
        return ValueAtRank(counts, grid, Math.Clamp((long)(q * total + 0.5), 1, total));
    }

    /// <summary>The percentile of a resample of the same size, drawn through its order statistic's Beta law.</summary>
    private static double Resampled(long[] counts, double[] grid, double q, Random random)
    {
        var total = counts.Sum();
        var k = Math.Clamp((long)(q * total + 0.5), 1, total);
        var fraction = new BetaDistribution(k, total - k + 1).Random(random).Next();
        return ValueAtRank(counts, grid, Math.Clamp((long)Math.Ceiling(fraction * total), 1, total));
    }

    private static double ValueAtRank(long[] counts, double[] grid, long rank)
    {
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
            if ((seen += counts[i]) >= rank) return grid[i];
        return grid[^1];
    }
}
