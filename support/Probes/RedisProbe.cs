using MangaMotion.Acceptance.Results;
using System.Diagnostics;
using System.Globalization;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Probes.Queue;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// Redis: PING latency, the queue's depth as its layout keeps it (a list's LLEN, or BullMQ's waiting
/// jobs with active ones and the id counter apart), and INFO stats, memory and clients.
/// </summary>
public sealed class RedisProbe(RedisSettings settings) : IProbe, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;
    private readonly QueueReader _queue = new(settings);
    private QueueLayout? _described;

    public string Name => ProbeNames.Redis;
    public ProbeCost Cost => ProbeCost.Cheap;
    public string SettingToCheck => "REDIS_HOST / REDIS_PORT / REDIS_PASSWORD (queue: QUEUE_KEY)";

    internal ConfigurationOptions Options()
    {
        var o = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 2000, SyncTimeout = 3000, AsyncTimeout = 3000, Password = settings.Password, ClientName = "mm-acceptance-probe",
            // StackExchange.Redis files INFO under admin commands; the probe issues no other admin command.
            AllowAdmin = true };
        o.EndPoints.Add(settings.Host, settings.Port);
        return o;
    }

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        _redis ??= await ConnectionMultiplexer.ConnectAsync(Options());
        var db = _redis.GetDatabase();
        var clock = Stopwatch.StartNew();
        await db.PingAsync();
        var values = new Dictionary<string, double> { [QueueMeasurements.PingMs] = clock.Elapsed.TotalMilliseconds };
        var queue = await _queue.ReadAsync(db);
        values[QueueMeasurements.Depth] = queue.Depth;
        if (queue.Active is { } active) values[QueueMeasurements.Active] = active;
        if (queue.IdCounter is { } id) values[QueueMeasurements.IdCounter] = id;
        var info = await _redis.GetServers()[0].InfoRawAsync() ?? "";
        foreach (var (field, name) in new[]
        {
            ("instantaneous_ops_per_sec", "ops_per_sec"), ("rejected_connections", "rejected_connections"), ("evicted_keys", "evicted_keys"),
            ("used_memory", QueueMeasurements.UsedMemoryBytes), ("maxmemory", QueueMeasurements.MaxMemoryBytes), ("connected_clients", "connected_clients"), ("blocked_clients", "blocked_clients"),
        })
            if (InfoValue(info, field) is { } v) values[name] = v;
        if (values.TryGetValue(QueueMeasurements.MaxMemoryBytes, out var max) && max > 0) values[QueueMeasurements.MemoryUsedRatio] = values[QueueMeasurements.UsedMemoryBytes] / max;
        // Said once (and again if the layout changes), not in every sample.
        var said = queue.Layout == _described ? [] : new[] { $"queue: {queue.Layout.Describe()}" };
        _described = queue.Layout;
        return new ProbeReading(values, said);
    }

    /// <summary>The queue as it is now, outside the sampler (the wait for a backlog to drain before a test).</summary>
    public async Task<QueueReading> ReadQueueAsync()
    {
        _redis ??= await ConnectionMultiplexer.ConnectAsync(Options());
        return await _queue.ReadAsync(_redis.GetDatabase());
    }

    /// <summary>The probe's connection, shared with the job witnesses that read the queue's own records.</summary>
    public async Task<IConnectionMultiplexer> ConnectionAsync() => _redis ??= await ConnectionMultiplexer.ConnectAsync(Options());

    internal static double? InfoValue(string info, string field)
    {
        foreach (var line in info.Split('\n'))
            if (line.StartsWith(field + ":", StringComparison.Ordinal) && double.TryParse(line[(field.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return v;
        return null;
    }

    internal static string? InfoText(string info, string field) =>
        info.Split('\n').FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 1)..].Trim();

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
