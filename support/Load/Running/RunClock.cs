using System.Diagnostics;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>The one clock of a run: load, probes and reports put their samples on this timeline.</summary>
public sealed class RunClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    public static long MicrosSince(long timestamp) => (long)(Stopwatch.GetElapsedTime(timestamp).TotalMicroseconds);
}
