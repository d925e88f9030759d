using System.Diagnostics;
using System.Globalization;
using MangaMotion.Acceptance.Settings;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes;

/// <summary>Redis: PING latency, the queue's depth (LLEN of the configured key), and INFO stats, memory and clients.</summary>
public sealed class RedisProbe(RedisSettings settings) : IProbe, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;

    public string Name => "redis";
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
        var values = new Dictionary<string, double> { ["ping_ms"] = clock.Elapsed.TotalMilliseconds, ["queue_depth"] = await db.ListLengthAsync(settings.QueueKey) };
        var info = await _redis.GetServers()[0].InfoRawAsync() ?? "";
        foreach (var (field, name) in new[]
        {
            ("instantaneous_ops_per_sec", "ops_per_sec"), ("rejected_connections", "rejected_connections"), ("evicted_keys", "evicted_keys"),
            ("used_memory", "used_memory_bytes"), ("maxmemory", "maxmemory_bytes"), ("connected_clients", "connected_clients"), ("blocked_clients", "blocked_clients"),
        })
            if (InfoValue(info, field) is { } v) values[name] = v;
        if (values.TryGetValue("maxmemory_bytes", out var max) && max > 0) values["memory_used_ratio"] = values["used_memory_bytes"] / max;
        return new ProbeReading(values, []);
    }

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
