using System.Collections.Concurrent;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>Jobs per user per minute (fixed one-minute windows keyed by X-User-ID), as the contract's 429 describes.</summary>
public sealed class RateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    private sealed class Window(long minute)
    {
        public readonly long Minute = minute;
        public int Count;
    }

    /// <returns>allowed, remaining in this window, and the window's reset time (epoch seconds)</returns>
    public (bool Allowed, int Remaining, long ResetEpoch) TryTake(string user, int limit, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var window = _windows.AddOrUpdate(user, _ => new Window(minute), (_, w) => w.Minute == minute ? w : new Window(minute));
        var count = Interlocked.Increment(ref window.Count);
        return (count <= limit, Math.Max(0, limit - count), (minute + 1) * 60);
    }
}
