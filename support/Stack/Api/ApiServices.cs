using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using MangaMotion.Acceptance.Stack.Faults;
using Npgsql;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>What the reference API's endpoints share: connections, counters, the rate limiter and the faults.</summary>
public sealed class ApiServices : IAsyncDisposable
{
    public ApiServices(StackOptions options)
    {
        Options = options;
        Database = NpgsqlDataSource.Create(options.Postgres);
        Redis = ConnectionMultiplexer.Connect(options.Redis);
        Storage = S3(options, options.S3Public);
        Presigner = S3(options, options.S3Public);
        if (options.ApiStartFails)
            throw new InvalidOperationException("injected fault apiStartFails: the API refuses to start");
        Faults = new FaultSettings.Watcher(Redis);
    }

    public StackOptions Options { get; }
    public NpgsqlDataSource Database { get; }
    public IConnectionMultiplexer Redis { get; }
    /// <summary>Stores pages through the public endpoint (the S3 proxy), so storage faults reach uploads too.</summary>
    public AmazonS3Client Storage { get; }
    /// <summary>Signs URLs for the public endpoint the clients PUT to.</summary>
    public AmazonS3Client Presigner { get; }
    public FaultSettings.Watcher Faults { get; }
    public ConcurrentDictionary<string, long> Counters { get; } = new();
    public RequestDurations Durations { get; } = new();

    public void Count(string counter) => Counters.AddOrUpdate(counter, 1, static (_, v) => v + 1);

    public int RateLimitPerMinute => Faults.Current.RateLimitPerMinute ?? Options.RateLimitPerMinute;

    private static AmazonS3Client S3(StackOptions o, Uri endpoint) => new(new BasicAWSCredentials(o.S3AccessKey, o.S3SecretKey),
        new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = o.S3Region, UseHttp = true, MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(30) });

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Redis.DisposeAsync();
        Storage.Dispose();
        Presigner.Dispose();
    }
}

/// <summary>HTTP request durations of the API, per route, for /api/metrics (HDR, microseconds).</summary>
public sealed class RequestDurations
{
    private readonly ConcurrentDictionary<string, HdrHistogram.LongConcurrentHistogram> _routes = new();

    public void Record(string route, TimeSpan duration) =>
        _routes.GetOrAdd(route, _ => new HdrHistogram.LongConcurrentHistogram(1, 3_600_000_000, 3)).RecordValue(Math.Max(1, (long)duration.TotalMicroseconds));

    public IReadOnlyDictionary<string, HdrHistogram.HistogramBase> Snapshot() => _routes.ToDictionary(r => r.Key, r => (HdrHistogram.HistogramBase)r.Value.Copy());
}
