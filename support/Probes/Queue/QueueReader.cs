using MangaMotion.Acceptance.Settings;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes.Queue;

/// <summary>What one reading of the job queue found. Active is null where the queue keeps no such list.</summary>
public sealed record QueueReading(double Depth, double? Active, double? IdCounter, QueueLayout Layout);

/// <summary>
/// Where a queue's jobs are in Redis: a plain list (the contract's `ai-job:queue`, depth = LLEN) or a
/// BullMQ queue under a prefix (`bull:ai-job`: `:wait`, `:paused`, `:prioritized`, `:delayed`,
/// `:active`, the `:id` counter and the `:events` stream).
/// </summary>
public sealed record QueueLayout(string Kind, string Key)
{
    public bool IsBullMq => Kind == "bullmq";
    public string Part(string name) => $"{Key}:{name}";

    public string Describe() => IsBullMq
        ? $"BullMQ queue {Key} (depth = wait + prioritized + delayed + paused; active apart)"
        : $"Redis list {Key} (depth = LLEN)";
}

/// <summary>
/// Reads the queue's depth the way its layout keeps it. QUEUE_KIND=auto looks at the keys: a key
/// ending in `:wait` (or a prefix) whose `:id`, `:meta` or `:events` exist is BullMQ, anything else a list.
/// </summary>
public sealed class QueueReader(RedisSettings settings)
{
    private QueueLayout? _bullMq;

    public async Task<QueueLayout> LayoutAsync(IDatabase db)
    {
        if (_bullMq is not null) return _bullMq;
        var key = settings.QueueKey;
        var prefix = key.EndsWith(":wait", StringComparison.Ordinal) ? key[..^":wait".Length] : key;
        var bullMq = new QueueLayout("bullmq", prefix);
        if (settings.QueueKind == "bullmq") return _bullMq = bullMq;
        if (settings.QueueKind == "list") return new QueueLayout("list", key);
        if (await db.KeyTypeAsync(key) == RedisType.List && prefix == key) return new QueueLayout("list", key);
        var markers = await Task.WhenAll(new[] { "id", "meta", "events" }.Select(p => db.KeyExistsAsync(bullMq.Part(p))));
        return markers.Any(m => m) ? _bullMq = bullMq : new QueueLayout("list", key);
    }

    public async Task<QueueReading> ReadAsync(IDatabase db)
    {
        var layout = await LayoutAsync(db);
        if (!layout.IsBullMq) return new QueueReading(await db.ListLengthAsync(layout.Key), null, null, layout);
        var wait = db.ListLengthAsync(layout.Part("wait"));
        var paused = db.ListLengthAsync(layout.Part("paused"));
        var prioritized = db.SortedSetLengthAsync(layout.Part("prioritized"));
        var delayed = db.SortedSetLengthAsync(layout.Part("delayed"));
        var active = db.ListLengthAsync(layout.Part("active"));
        var id = db.StringGetAsync(layout.Part("id"));
        await Task.WhenAll(wait, paused, prioritized, delayed, active, id);
        return new QueueReading(wait.Result + paused.Result + prioritized.Result + delayed.Result, active.Result,
            long.TryParse(id.Result.ToString(), out var counter) ? counter : null, layout);
    }
}
