namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// Everything measured for one step over a window (the whole run, a stage): counts, latency from the
/// actual send, latency from the intended start (open models: corrected for coordinated omission),
/// status codes, error classes with examples, bytes.
/// </summary>
public sealed record StepStats(
    string Step,
    long Requests,
    long Ok,
    long Failed,
    LatencySummary Latency,
    LatencySummary OkLatency,
    LatencySummary CorrectedLatency,
    IReadOnlyDictionary<int, long> StatusCodes,
    IReadOnlyDictionary<string, long> ErrorClasses,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples,
    long BytesSent,
    long BytesReceived)
{
    /// <summary>Share of requests that succeeded, 0..1 (1 when nothing was sent: no evidence of failure, see Requests).</summary>
    public double SuccessRate => Requests == 0 ? 1 : (double)Ok / Requests;

    /// <summary>The histogram behind <see cref="Latency"/>, for any percentile a threshold asks for.</summary>
    internal HdrHistogram.HistogramBase? Histogram { get; init; }

    /// <summary>The whole latency distribution behind <see cref="Latency"/>, losslessly encoded (HDR), for comparisons across runs; null when not kept.</summary>
    public byte[]? EncodedHistogram() => Histogram is { TotalCount: > 0 } h ? HistogramCodec.Encode(h) : null;

    /// <summary>Requests that took at least <paramref name="milliseconds"/> (to the histogram's precision).</summary>
    public long CountAtOrAbove(double milliseconds) =>
        Histogram?.RecordedValues().Where(v => v.ValueIteratedTo / 1000.0 >= milliseconds).Sum(v => v.CountAtValueIteratedTo) ?? 0;

    /// <summary>Latency at any percentile (0..100) in milliseconds, exact to the histogram's precision.</summary>
    public double LatencyAt(double percentile) => percentile switch
    {
        _ when Requests == 0 => 0,
        50 => Latency.P50,
        90 => Latency.P90,
        95 => Latency.P95,
        99 => Latency.P99,
        100 => Latency.Max,
        _ when Histogram is not null => Histogram.GetValueAtPercentile(percentile) / 1000.0,
        _ => throw new InvalidOperationException($"p{percentile} needs the histogram, which this summary does not carry"),
    };
}

/// <summary>One second of the run, for charts, stage thresholds and degradation analysis.</summary>
public sealed record SecondSample(double T, int ActiveUsers, int TargetUsers, long IterationsStarted, long Dropped,
    IReadOnlyDictionary<string, StepSecond> Steps);

public sealed record StepSecond(long Requests, long Errors, double P50, double P95, double P99);
