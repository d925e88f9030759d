using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>One value of a distribution and how many requests took it (milliseconds, to the histogram's precision).</summary>
public readonly record struct Bucket(double Ms, long Count);

/// <summary>
/// A step's latencies as the histogram kept them: sorted buckets with counts, so rank tests and
/// quantile intervals are exact over every request without holding one value per request.
/// </summary>
public sealed class LatencyDistribution
{
    public IReadOnlyList<Bucket> Buckets { get; }
    public long Count { get; }

    public LatencyDistribution(IEnumerable<Bucket> buckets)
    {
        Buckets = buckets.Where(b => b.Count > 0).GroupBy(b => b.Ms).Select(g => new Bucket(g.Key, g.Sum(b => b.Count))).OrderBy(b => b.Ms).ToList();
        Count = Buckets.Sum(b => b.Count);
    }

    /// <summary>From an HDR histogram of microseconds as results.json and the history keep it.</summary>
    public static LatencyDistribution Decode(byte[] encoded)
    {
        var h = HistogramCodec.Decode(encoded);
        return new(h.RecordedValues().Select(v => new Bucket(v.ValueIteratedTo / 1000.0, v.CountAtValueIteratedTo)));
    }

    public static LatencyDistribution Pool(IEnumerable<LatencyDistribution> parts) => new(parts.SelectMany(p => p.Buckets));

    /// <summary>The value at 1-based rank <paramref name="rank"/> (clamped to 1..Count).</summary>
    public double AtRank(long rank)
    {
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        foreach (var b in Buckets)
            if ((seen += b.Count) >= rank) return b.Ms;
        return Buckets[^1].Ms;
    }

    /// <summary>The quantile as the run's own figures give it (HdrHistogram's rank: p of the count, rounded).</summary>
    public double Quantile(double p) => AtRank((long)(p * Count + 0.5));
}
