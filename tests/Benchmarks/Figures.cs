using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>One tool's run: throughput, client CPU per 1000 requests, latency percentiles in ms.</summary>
public sealed record Figures(string Tool, long Requests, double Seconds, double CpuSeconds, double P50, double P95, double P99, string? Note = null)
{
    public double Rps => Requests / Seconds;
    public double CpuPer1000 => Requests == 0 ? 0 : CpuSeconds / Requests * 1000;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Tool,-8} {Rps,10:0} req/s  {CpuPer1000,7:0.000} cpu-s/1000  p50 {P50,7:0.000} ms  p95 {P95,7:0.000} ms  p99 {P99,7:0.000} ms  ({Requests} requests{(Note is null ? "" : "; " + Note)})");

    /// <summary>The median run of several (by requests per second), so one noisy run does not decide.</summary>
    public static Figures Median(IReadOnlyList<Figures> runs) => runs.OrderBy(r => r.Rps).ElementAt(runs.Count / 2);

    /// <summary>
    /// At a fixed rate every run has the same throughput: each percentile's median over the runs instead
    /// (a p99 of 15,000 requests rests on 150 of them and moves from run to run on its own).
    /// </summary>
    public static Figures MedianLatency(IReadOnlyList<Figures> runs)
    {
        double Of(Func<Figures, double> value) => Middle(runs.Select(value));
        return Median(runs) with { P50 = Of(r => r.P50), P95 = Of(r => r.P95), P99 = Of(r => r.P99), Note = $"each percentile the median of {runs.Count} runs" };
    }

    /// <summary>The median of a few values (the upper one of the middle two when their number is even).</summary>
    public static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
