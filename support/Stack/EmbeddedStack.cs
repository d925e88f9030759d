using System.Diagnostics;
using MangaMotion.Acceptance.Stack.Lifecycle;

namespace MangaMotion.Acceptance.Stack;

/// <summary>How the embedded MangaMotion is sized; the defaults let a healthy smoke run pass on two cores.</summary>
public sealed record EmbeddedStackOptions
{
    /// <summary>Generous by default so load is not rate limited; the "tight rate limit" fault lowers it during a run.</summary>
    public int RateLimitPerMinute { get; init; } = 100_000;
    public int Workers { get; init; } = 2;
    /// <summary>SHA-256 passes per page: the worker's CPU cost per KB uploaded.</summary>
    public int WorkRoundsPerPage { get; init; } = 20;
    public int PostgresMaxConnections { get; init; } = 60;
    public int MaxFileSizeMb { get; init; } = 100;
    public string Bucket { get; init; } = "mm-bucket";
    public string QueueKey { get; init; } = "ai-job:queue";

    /// <summary>Faults switched on from the start (the JSON /admin/faults takes); empty for none.</summary>
    public string Faults { get; init; } = "";

    /// <summary>contract, or bullmq: a MangaMotion unlike the contract's happy path (see <see cref="ForFlavor"/>).</summary>
    public string Flavor { get; init; } = "contract";

    /// <summary>
    /// bullmq: BullMQ's key layout and events stream under bull:ai-job, finished jobs removed (their status
    /// turns not_found), no queue depth or job counters in /api/metrics, one worker, no PostgreSQL in the request path.
    /// </summary>
    public EmbeddedStackOptions ForFlavor(string flavor) => flavor == "bullmq"
        ? this with { Flavor = "bullmq", QueueKey = "bull:ai-job:wait", Workers = 1 }
        : this with { Flavor = "contract" };
}

/// <summary>
/// The embedded MangaMotion reference stack: PostgreSQL, Redis and Swift (with memcached) as real
/// processes on free loopback ports, then the reference API and worker processes. Exposes exactly the
/// settings a real deployment would be described by, and stops everything it started.
/// </summary>
public sealed class EmbeddedStack : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private EmbeddedStack(string directory) => Directory = directory;

    public string Directory { get; }
    public TimeSpan StartupTime { get; private set; }
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();
    public Uri BaseUrl => new(Settings["BASE_URL"]);
    public Uri AdminUrl => new(BaseUrl, "admin/");
    /// <summary>Every server process by component name, for resource probes and for crash tests.</summary>
    public IReadOnlyDictionary<string, ManagedProcess> Processes { get; private set; } = new Dictionary<string, ManagedProcess>();

    /// <exception cref="StackStartException">a package is missing or a server did not come up (with its log)</exception>
    public static async Task<EmbeddedStack> StartAsync(EmbeddedStackOptions? options = null, string? directory = null)
    {
        options ??= new EmbeddedStackOptions();
        Packages.Check();
        var dir = directory ?? System.IO.Directory.CreateTempSubdirectory("mm-stack-").FullName;
        var stack = new EmbeddedStack(dir);
        var clock = Stopwatch.StartNew();
        try
        {
            await stack.StartComponentsAsync(options);
        }
        catch (Exception e)
        {
            await stack.DisposeAsync();
            throw e as StackStartException ?? new StackStartException($"{e.GetType().Name}: {e.Message} (logs in {dir})");
        }
        stack.StartupTime = clock.Elapsed;
        return stack;
    }

    private async Task StartComponentsAsync(EmbeddedStackOptions o)
    {
        var watchdog = Watchdog.Start(Directory);
        _owned.Add(watchdog);
        var postgresTask = PostgresServer.StartAsync(Path.Combine(Directory, "postgres"), o.PostgresMaxConnections);
        var redisTask = RedisServer.StartAsync(Directory);
        var swiftTask = SwiftServer.LaunchAsync(System.IO.Directory.CreateDirectory(Path.Combine(Directory, "swift")).FullName, o.Bucket);
        try { await Task.WhenAll(postgresTask, redisTask, swiftTask); }
        finally
        {
            // Whatever did start is owned (and so stopped) even when another component failed.
            foreach (var t in new Task[] { postgresTask, redisTask, swiftTask }.Where(t => t.IsCompletedSuccessfully))
                _owned.Add((IDisposable)((dynamic)t).Result);
        }
        var (postgres, redis, swift) = (postgresTask.Result, redisTask.Result, swiftTask.Result);
        if (!string.IsNullOrWhiteSpace(o.Faults))
        {
            await using var faults = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            await faults.GetDatabase().StringSetAsync(Faults.FaultSettings.RedisKey, Faults.FaultSettings.FromJson(o.Faults).ToJson());
        }
        var (apiPort, s3Port) = (FreePort.Next(), FreePort.Next());
        var options = new StackOptions(postgres.ConnectionString(), redis.Configuration, swift.Endpoint, new Uri($"http://127.0.0.1:{s3Port}"),
            swift.AccessKey, swift.SecretKey, swift.Region, o.Bucket, o.QueueKey, o.RateLimitPerMinute, o.MaxFileSizeMb, o.Workers,
            o.WorkRoundsPerPage, apiPort, s3Port) { Flavor = o.Flavor, ApiStartFails = Faults.FaultSettings.FromJson(o.Faults).ApiStartFails };
        var apiLog = Path.Combine(Directory, "api.log");
        // The stack's folder on their command lines tells its processes apart from any other stack's (the monitoring's groups).
        var api = ManagedProcess.Start("api", StackExecutable.Host, [.. StackExecutable.Arguments("api"), Directory], apiLog, options.ToEnvironment());
        _owned.Add(api);
        var worker = ManagedProcess.Start("worker", StackExecutable.Host, [.. StackExecutable.Arguments("worker"), Directory], Path.Combine(Directory, "worker.log"), options.ToEnvironment());
        _owned.Add(worker);
        var processes = new Dictionary<string, ManagedProcess> { ["postgres"] = postgres.Process, ["redis"] = redis.Process, ["api"] = api, ["worker"] = worker };
        foreach (var p in swift.Processes) processes[p.Name] = p;
        var monitoring = await Monitoring.StartAsync(Directory, redis.Port);
        _owned.Add(monitoring);
        foreach (var p in processes.Values.Concat(monitoring.Processes)) watchdog.Guard(p.Id);
        if (postgres.PostmasterPid is { } postmaster) watchdog.Guard(postmaster);
        // Swift's Python servers and the API's start-up overlap: the API needs only Swift's address to start.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        await Task.WhenAll(swift.ReadyAsync(),
            Readiness.WaitAsync("the reference API", async () => (await http.GetAsync($"http://127.0.0.1:{apiPort}/api/health")).IsSuccessStatusCode, api, apiLog, Readiness.StartDeadline));
        Processes = processes;
        Settings = new Dictionary<string, string>
        {
            ["BASE_URL"] = $"http://127.0.0.1:{apiPort}", ["S3_ENDPOINT"] = $"http://127.0.0.1:{s3Port}", ["S3_ACCESS_KEY"] = swift.AccessKey,
            ["S3_SECRET_KEY"] = swift.SecretKey, ["S3_BUCKET"] = o.Bucket, ["POSTGRES_HOST"] = "127.0.0.1", ["POSTGRES_PORT"] = postgres.Port.ToString(),
            ["POSTGRES_USER"] = PostgresServer.User, ["POSTGRES_PASSWORD"] = postgres.Password, ["POSTGRES_DB"] = PostgresServer.Database,
            ["REDIS_HOST"] = "127.0.0.1", ["REDIS_PORT"] = redis.Port.ToString(), ["QUEUE_KEY"] = o.QueueKey,
            ["PROMETHEUS_URL"] = monitoring.Url.ToString(), ["PROMETHEUS_SELECTOR"] = $"job=\"{Monitoring.ProcessJob}\"", ["PROMETHEUS_RATE_WINDOW"] = "5s",
        };
    }

    /// <summary>Stops the API and worker first (they hold connections), then the servers, then the watchdog.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
        _owned.Clear();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
