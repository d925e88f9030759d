using MangaMotion.Acceptance.Probes.Queue;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes.Jobs;

/// <summary>
/// A BullMQ queue's own record of how jobs ended: its `:events` stream (`completed` and `failed`
/// entries, tailed from the test's start so a capped stream loses nothing we need), then, for jobs the
/// stream did not show, the `:completed` / `:failed` sets and the job's hash where the queue keeps them.
/// A queue that is not BullMQ makes this witness silent.
/// </summary>
public sealed class BullMqWitness(Func<Task<IConnectionMultiplexer>> connect, QueueReader reader) : IJobWitness
{
    private readonly Dictionary<string, WitnessedFate> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private QueueLayout? _layout;
    private RedisValue _last = "0-0";
    private Task _tail = Task.CompletedTask;
    private const int MaxRemembered = 2_000_000;

    public string Name => _layout is { IsBullMq: true } l ? $"BullMQ events of {l.Key}" : "BullMQ events (the queue is not BullMQ)";

    /// <summary>
    /// Starts tailing from the stream's newest entry. A queue whose keys do not exist yet (a fresh
    /// deployment) is looked at again each second; once it shows as BullMQ its stream is read from the start.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        var db = (await connect()).GetDatabase();
        _layout = await reader.LayoutAsync(db);
        if (_layout.IsBullMq)
        {
            var newest = await db.StreamRangeAsync(_layout.Part("events"), null, null, 1, Order.Descending);
            _last = newest.Length > 0 ? newest[0].Id : "0-0";
        }
        _tail = Task.Run(() => TailAsync(db));
    }

    private async Task TailAsync(IDatabase db)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_layout is not { IsBullMq: true }) _layout = await reader.LayoutAsync(db);
                if (_layout.IsBullMq) await ReadNewAsync(db);
            }
            catch (RedisException) { }
            try { await Task.Delay(1000, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private readonly SemaphoreSlim _reading = new(1, 1);

    private async Task ReadNewAsync(IDatabase db)
    {
        await _reading.WaitAsync();
        try { await ReadAllNewAsync(db); }
        finally { _reading.Release(); }
    }

    private async Task ReadAllNewAsync(IDatabase db)
    {
        while (true)
        {
            var entries = await db.StreamReadAsync(_layout!.Part("events"), _last, 2000);
            if (entries.Length == 0) return;
            lock (_seen)
                foreach (var e in entries)
                {
                    var kind = (string?)e["event"];
                    var job = (string?)e["jobId"];
                    if (job is null || _seen.Count >= MaxRemembered) continue;
                    if (kind == "completed") _seen[job] = new WitnessedFate(true, null, Name);
                    else if (kind == "failed") _seen[job] = new WitnessedFate(false, (string?)e["failedReason"], Name);
                }
            _last = entries[^1].Id;
        }
    }

    public async Task<IReadOnlyDictionary<string, WitnessedFate>> AskAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellation)
    {
        var db = (await connect()).GetDatabase();
        if (_layout is not { IsBullMq: true }) _layout = await reader.LayoutAsync(db);
        if (_layout is not { IsBullMq: true } layout) return new Dictionary<string, WitnessedFate>();
        await ReadNewAsync(db);
        var found = new Dictionary<string, WitnessedFate>();
        lock (_seen)
            foreach (var id in jobIds)
                if (_seen.TryGetValue(id, out var fate)) found[id] = fate;
        foreach (var id in jobIds.Where(id => !found.ContainsKey(id)))
        {
            cancellation.ThrowIfCancellationRequested();
            if (await db.SortedSetScoreAsync(layout.Part("completed"), id) is not null) found[id] = new(true, null, $"BullMQ set {layout.Part("completed")}");
            else if (await db.SortedSetScoreAsync(layout.Part("failed"), id) is not null)
                found[id] = new(false, (string?)await db.HashGetAsync(layout.Part(id), "failedReason"), $"BullMQ set {layout.Part("failed")}");
        }
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _tail;
        _stop.Dispose();
        _reading.Dispose();
    }
}
