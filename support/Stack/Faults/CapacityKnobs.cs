namespace MangaMotion.Acceptance.Stack.Faults;

/// <summary>
/// The API serves at most <paramref name="Slots"/> uploads at once, each holding its slot for a random
/// service time, exponential with mean <paramref name="MeanServiceMs"/>: a known capacity of Slots / mean
/// uploads per second, with the queueing a real server shows before its ceiling.
/// </summary>
public sealed record UploadCapacity(int Slots, double MeanServiceMs)
{
    public double UploadsPerSecond => Slots * 1000 / MeanServiceMs;
}

/// <summary>The upload capacity's slots, shared by every request of the API process; remade when the setting changes.</summary>
public static class CapacityGate
{
    private static (UploadCapacity Setting, SemaphoreSlim Slots)? _current;
    private static readonly Lock Guard = new();

    public static async Task PassAsync(UploadCapacity? capacity, CancellationToken cancellation)
    {
        if (capacity is not { Slots: > 0, MeanServiceMs: > 0 }) return;
        SemaphoreSlim slots;
        lock (Guard)
        {
            if (_current is not { } current || current.Setting != capacity) _current = current = (capacity, new SemaphoreSlim(capacity.Slots));
            slots = current.Slots;
        }
        await slots.WaitAsync(cancellation);
        try
        {
            var serviceMs = -capacity.MeanServiceMs * Math.Log(1 - Random.Shared.NextDouble());
            await Task.Delay(TimeSpan.FromMilliseconds(serviceMs), cancellation);
        }
        finally { slots.Release(); }
    }
}

/// <summary>Spaces the worker's jobs so that its process takes at most the set number per second, whatever its loops.</summary>
public static class JobPacer
{
    private static long _nextTicks;

    public static async Task WaitTurnAsync(double jobsPerSecond, CancellationToken cancellation)
    {
        if (jobsPerSecond <= 0) return;
        var spacing = (long)(TimeSpan.TicksPerSecond / jobsPerSecond);
        long turn;
        while (true)
        {
            var now = DateTime.UtcNow.Ticks;
            var next = Interlocked.Read(ref _nextTicks);
            // A pacer idle for longer than one spacing starts from now: no burst for time nobody used.
            turn = Math.Max(next, now);
            if (Interlocked.CompareExchange(ref _nextTicks, turn + spacing, next) == next) break;
        }
        var wait = TimeSpan.FromTicks(turn - DateTime.UtcNow.Ticks);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellation);
    }
}
