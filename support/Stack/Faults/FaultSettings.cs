using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Faults;

/// <summary>Added latency (fixed plus random) and an error rate on one endpoint ("upload", "status", "presign", "metrics", "health", "s3").</summary>
public sealed record EndpointFault(int LatencyMs = 0, int JitterMs = 0, double ErrorRate = 0, int ErrorStatus = 500);

/// <summary>
/// The faults switched on in the stack. Kept in Redis so the API and worker processes both see a
/// change made through the admin endpoint within half a second.
/// </summary>
public sealed record FaultSettings
{
    public const string RedisKey = "mm:stack:faults";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Dictionary<string, EndpointFault> Endpoints { get; init; } = new();
    public int? RateLimitPerMinute { get; init; }
    public bool WorkersStopped { get; init; }
    public int WorkerDelayMs { get; init; }
    public double WorkerFailureRate { get; init; }

    /// <summary>A known upload capacity (slots and mean service time), for checking the capacity model against a truth.</summary>
    public UploadCapacity? UploadCapacity { get; init; }

    /// <summary>While above zero, the worker takes at most this many jobs per second (a known drain rate).</summary>
    public double WorkerJobsPerSecond { get; init; }

    /// <summary>While on, a transaction holds ACCESS EXCLUSIVE on jobs for 2 s out of every 3 (lock contention).</summary>
    public bool LockContention { get; init; }

    /// <summary>While above zero, a deadlock is forced every this many seconds.</summary>
    public int DeadlockEverySeconds { get; init; }

    /// <summary>While above zero, this many idle connections are held (up to what the server accepts).</summary>
    public int HeldConnections { get; init; }

    /// <summary>The API exits during start-up, as a deployment whose API never comes up (only from the start: STACK_FAULTS).</summary>
    public bool ApiStartFails { get; init; }

    public EndpointFault? For(string endpoint) => Endpoints.GetValueOrDefault(endpoint);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FaultSettings FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new FaultSettings() : JsonSerializer.Deserialize<FaultSettings>(json, Json) ?? new FaultSettings();

    /// <summary>
    /// Keeps the current faults, re-read every half second by a background loop: reading Redis on a
    /// request thread would be synchronous I/O in an async server, and starves its thread pool under load.
    /// </summary>
    public sealed class Watcher : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private volatile FaultSettings _current = new();

        public Watcher(IConnectionMultiplexer redis)
        {
            _ = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
                do
                {
                    try { _current = FromJson(await redis.GetDatabase().StringGetAsync(RedisKey)); }
                    catch (RedisException) { /* keep the last known faults while Redis is away */ }
                    catch (TimeoutException) { }
                } while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
            });
        }

        public FaultSettings Current => _current;

        public void Dispose() => _stop.Cancel();
    }

    /// <summary>Applies an endpoint's fault: waits the latency, and says whether this request should fail (and with what status).</summary>
    public static async Task<int?> ApplyAsync(EndpointFault? fault, CancellationToken cancellation)
    {
        if (fault is null) return null;
        var delay = fault.LatencyMs + (fault.JitterMs > 0 ? Random.Shared.Next(fault.JitterMs) : 0);
        if (delay > 0) await Task.Delay(delay, cancellation);
        return fault.ErrorRate > 0 && Random.Shared.NextDouble() < fault.ErrorRate ? fault.ErrorStatus : null;
    }
}
