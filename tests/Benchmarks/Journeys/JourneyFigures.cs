using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>The guide journeys the bench runs: the step whose latency is reported and the bytes each journey sends.</summary>
public sealed record JourneyKind(string Name, string KeyStep, long BytesPerJourney)
{
    public static readonly JourneyKind Upload = new("upload", "upload", 100 * 1024);
    public static readonly JourneyKind Presign = new("presign", "s3_put", 500 * 1024);
    public static readonly IReadOnlyList<JourneyKind> All = [Upload, Presign];
}

/// <summary>One tool's run of one journey: journeys done, client CPU, the key step's latency (ms), bytes sent.</summary>
public sealed record JourneyFigures(string Tool, JourneyKind Journey, long Journeys, double Seconds, double CpuSeconds, double P50, double P95, double P99, string? Note = null)
{
    /// <summary>The kernel's part of the client's CPU: on loopback, mostly copying the bodies through TCP.</summary>
    public double KernelSeconds { get; init; }

    public double PerSecond => Journeys / Seconds;
    /// <summary>CPU microseconds per journey outside the kernel: what the tool itself costs.</summary>
    public double UserMicros => Journeys == 0 ? double.NaN : (CpuSeconds - KernelSeconds) / Journeys * 1e6;
    public double KernelMicros => Journeys == 0 ? double.NaN : KernelSeconds / Journeys * 1e6;
    public double CpuPer1000 => Journeys == 0 ? double.NaN : CpuSeconds / Journeys * 1000;
    public double PerCpuSecond => CpuSeconds <= 0 ? double.NaN : Journeys / CpuSeconds;
    public double MegabytesPerSecond => PerSecond * Journey.BytesPerJourney / 1e6;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Tool,-9} {Journey.Name,-8} {PerSecond,8:0.0} journeys/s {CpuPer1000,7:0.00} cpu-s/1000 {PerCpuSecond,7:0} per cpu-s {MegabytesPerSecond,6:0.0} MB/s  µs/journey user {UserMicros,5:0} kernel {KernelMicros,5:0}  " +
        $"{Journey.KeyStep} p50 {P50,7:0.00} ms p95 {P95,7:0.00} ms p99 {P99,7:0.00} ms  ({Journeys} journeys{(Note is null ? "" : "; " + Note)})");

    /// <summary>The median run by journeys per client CPU second.</summary>
    public static JourneyFigures Median(IReadOnlyList<JourneyFigures> runs) => runs.OrderBy(r => r.PerCpuSecond).ElementAt(runs.Count / 2);
}
