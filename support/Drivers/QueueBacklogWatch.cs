using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// The queue's level between tests: read when the run's first test starts (the level to come back to),
/// and before a test that follows jobs, a bounded wait for what earlier tests queued to drain, so the
/// test starts from a known queue, or says how many jobs it started behind.
/// </summary>
public sealed class QueueBacklogWatch(bool enabled)
{
    private double? _runLevel;
    private bool _read;

    public async Task<QueueBacklog?> BeforeTestAsync(RedisProbe redis, TimeSpan drainWait, CancellationToken cancellation)
    {
        if (!enabled) return null;
        var depth = await DepthAsync(redis);
        if (!_read) (_runLevel, _read) = (depth, true);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (depth is { } d && _runLevel is { } level && d > level && waited.Elapsed < drainWait && !cancellation.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), cancellation); }
            catch (OperationCanceledException) { break; }
            depth = await DepthAsync(redis);
        }
        var note = depth is null ? "the queue could not be read" : null;
        return new QueueBacklog(_runLevel, depth, Math.Round(waited.Elapsed.TotalSeconds, 1), note);
    }

    private static async Task<double?> DepthAsync(RedisProbe redis)
    {
        try { return (await redis.ReadQueueAsync().WaitAsync(TimeSpan.FromSeconds(5))).Depth; }
        catch (Exception) { return null; }
    }
}
