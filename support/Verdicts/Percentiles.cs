using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// How far a percentile measured from n samples can be from the true one: the 95 % confidence interval
/// of the p95 by order statistics (its rank is binomial: 0.95 n ± 1.96 √(n · 0.95 · 0.05)), read off the
/// summary's percentiles by linear interpolation between them. A few dozen samples give a wide interval,
/// thousands a narrow one.
/// </summary>
public static class Percentiles
{
    public static (double Low, double High) P95Interval(LatencySummary s)
    {
        if (s.Count <= 0) return (s.P95, s.P95);
        var half = 1.96 * Math.Sqrt(0.95 * 0.05 / s.Count);
        return (At(s, Math.Max(0.5, 0.95 - half)), At(s, Math.Min(1, 0.95 + half)));
    }

    /// <summary>The latency at quantile q (0.5 to 1), interpolated between the summary's p50, p90, p95, p99 and max.</summary>
    public static double At(LatencySummary s, double q)
    {
        (double Q, double V)[] known = [(0.5, s.P50), (0.9, s.P90), (0.95, s.P95), (0.99, s.P99), (1, s.Max)];
        for (var i = 1; i < known.Length; i++)
            if (q <= known[i].Q)
                return known[i - 1].V + (known[i].V - known[i - 1].V) * (q - known[i - 1].Q) / (known[i].Q - known[i - 1].Q);
        return s.Max;
    }
}
