using MangaMotion.Acceptance.Results.History;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace MangaMotion.Acceptance.Verdicts.Regression;

public static class Statistics
{
    public const double Z95 = 1.959963984540054;

    private static readonly NormalDistribution Normal = new(0, 1);

    /// <summary>
    /// Mann-Whitney U of <paramref name="now"/> against <paramref name="before"/>, computed exactly from
    /// the buckets (equal values are ties): one pass over both sorted bucket lists.
    /// </summary>
    public static RankComparison RankTest(LatencyDistribution now, LatencyDistribution before)
    {
        double n1 = now.Count, n2 = before.Count, u = 0, ties = 0, beforeBelow = 0;
        var b = before.Buckets;
        var j = 0;
        var nowAt = now.Buckets.ToDictionary(x => x.Ms, x => (double)x.Count);
        foreach (var value in now.Buckets.Select(x => x.Ms).Union(b.Select(x => x.Ms)).Order())
        {
            double beforeHere = 0;
            while (j < b.Count && b[j].Ms == value) beforeHere += b[j++].Count;
            var nowHere = nowAt.GetValueOrDefault(value);
            u += nowHere * (beforeBelow + beforeHere / 2);
            var t = nowHere + beforeHere;
            ties += t * t * t - t;
            beforeBelow += beforeHere;
        }
        var n = n1 + n2;
        var mean = n1 * n2 / 2;
        var sd = Math.Sqrt(n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1))));
        var z = sd == 0 ? 0 : (u - mean - Math.Sign(u - mean) * 0.5) / sd;
        var p = sd == 0 ? 1 : Math.Min(1, 2 * (1 - Normal.Cdf(Math.Abs(z))));
        return new RankComparison(u, z, p, 2 * u / (n1 * n2) - 1, now.Count, before.Count);
    }

    /// <summary>
    /// A distribution-free interval for the median of a few runs' values (order statistics of the
    /// binomial, 95 %); below six values no pair of ranks reaches 95 %, so the range is given.
    /// </summary>
    public static (double Low, double Median, double High) MedianInterval(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (n < 6) return (sorted[0], median, sorted[^1]);
        // The widest inner pair of ranks (k, n+1-k) whose coverage is at least 95 %.
        var k = 1;
        while (k + 1 <= n / 2 && Coverage(n, k + 1) >= 0.95) k++;
        return (sorted[k - 1], median, sorted[n - k]);
    }

    /// <summary>P(X(k) ≤ median ≤ X(n+1−k)) for n values: 1 − 2·P(Binomial(n, ½) &lt; k).</summary>
    private static double Coverage(int n, int k)
    {
        double below = 0, term = Math.Pow(0.5, n);
        for (var i = 0; i < k; i++)
        {
            below += term;
            term *= (double)(n - i) / (i + 1);
        }
        return 1 - 2 * below;
    }

    /// <summary>A 95 % interval for a difference of two proportions (in the proportions' unit), normal approximation.</summary>
    public static (double Low, double High) DifferenceInterval(double p1, long n1, double p2, long n2)
    {
        var sd = Math.Sqrt(p1 * (1 - p1) / Math.Max(1, n1) + p2 * (1 - p2) / Math.Max(1, n2));
        return (p1 - p2 - Z95 * sd, p1 - p2 + Z95 * sd);
    }
}
