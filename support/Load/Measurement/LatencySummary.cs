using HdrHistogram;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>Latency figures in milliseconds, exact to the histogram's 3 significant digits.</summary>
public sealed record LatencySummary(long Count, double Min, double Mean, double P50, double P90, double P95, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>From a histogram recorded in microseconds.</summary>
    public static LatencySummary From(HistogramBase h)
    {
        if (h.TotalCount == 0) return Empty;
        static double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(h.TotalCount, Ms(h.LowestEquivalentValue(MinValue(h))), h.GetMean() / 1000.0,
            Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(90)), Ms(h.GetValueAtPercentile(95)),
            Ms(h.GetValueAtPercentile(99)), Ms(h.GetMaxValue()));
    }

    private static long MinValue(HistogramBase h) => h.RecordedValues().First().ValueIteratedTo;
}
