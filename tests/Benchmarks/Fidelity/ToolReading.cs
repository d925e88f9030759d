using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// What one tool reported for one run at an asked rate: its p50/p95/p99 (ms), the rate it achieved, and
/// what it says of its own timing (the engine: how late its arrivals started; others report none).
/// </summary>
public sealed record ToolReading(string Tool, double AskedRate, double AchievedRate, double P50, double P95, double P99, string Timing)
{
    public double Percentile(int p) => p switch { 50 => P50, 95 => P95, 99 => P99, _ => throw new ArgumentOutOfRangeException(nameof(p)) };
}

/// <summary>A reported percentile against the truth: the difference in ms and as a share of the truth.</summary>
public readonly record struct PercentileError(double ReportedMs, double TruthMs)
{
    public double Ms => ReportedMs - TruthMs;
    public double Share => TruthMs <= 0 ? double.NaN : Ms / TruthMs;

    /// <summary>The bar: within 1 ms or 2 % of the truth, whichever is larger.</summary>
    public bool WithinOneMsOrTwoPercent => Math.Abs(Ms) <= Math.Max(1, 0.02 * TruthMs);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ms:+0.0;-0.0} ms ({Share * 100:+0.#;-0.#} %)");
}
