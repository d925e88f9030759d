using HdrHistogram;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>The one histogram shape of the engine: microseconds from 1 µs to 1 hour, 3 significant digits.</summary>
internal static class Histograms
{
    public const long Highest = 3_600_000_000;
    public const int Digits = 3;

    public static LongHistogram New() => new(1, Highest, Digits);

    /// <summary>For values recorded from many threads at once without a lock (read once, after the writers stopped).</summary>
    public static LongConcurrentHistogram NewConcurrent() => new(1, Highest, Digits);

    /// <summary>Safe for many writers; read by swapping out interval histograms once a second.</summary>
    public static Recorder NewRecorder() => new(1, Highest, Digits, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    public static long Clamp(long micros) => Math.Clamp(micros, 1, Highest);
}
