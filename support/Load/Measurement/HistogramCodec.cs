using HdrHistogram;
using HdrHistogram.Utilities;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// HDR histograms in HdrHistogram's own compressed encoding (the one its logs use): every count of
/// every bucket survives, so histograms written by several agents add up to exactly the histogram of
/// the union of their values.
/// </summary>
public static class HistogramCodec
{
    public static byte[] Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        // The buffer type shows no array: its bytes are read back one by one (a few hundred per histogram).
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = buffer.Get();
        return bytes;
    }

    /// <summary>Decoded into the engine's one histogram shape (1 µs to 1 hour, 3 significant digits).</summary>
    public static LongHistogram Decode(byte[] encoded)
    {
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(encoded), Histograms.Highest);
        var histogram = Histograms.New();
        histogram.Add(decoded);
        return histogram;
    }

    /// <summary>The sum of encoded histograms (missing ones count as empty).</summary>
    public static LongHistogram Sum(IEnumerable<byte[]?> encoded) => SumInto(Histograms.New(), encoded);

    /// <summary>Resets <paramref name="sum"/> and adds the encoded histograms to it (a merge reuses one per step for thousands of seconds).</summary>
    public static LongHistogram SumInto(LongHistogram sum, IEnumerable<byte[]?> encoded)
    {
        sum.Reset();
        foreach (var e in encoded)
            if (e is { Length: > 0 }) sum.Add(HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(e), Histograms.Highest));
        return sum;
    }
}

/// <summary>
/// One step's histograms, encoded: the whole run's successes, failures and intended-start latencies,
/// each stage's successes and failures, and each second's latencies (all outcomes), in tick order.
/// </summary>
public sealed record StepHistograms(string Step, byte[] Ok, byte[] Failed, byte[] Corrected,
    IReadOnlyDictionary<int, StageHistograms> Stages, IReadOnlyList<byte[]> Seconds);

public sealed record StageHistograms(byte[] Ok, byte[] Failed);
