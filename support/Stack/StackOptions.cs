namespace MangaMotion.Acceptance.Stack;

/// <summary>
/// What the API and worker processes are told by the stack, through environment variables (the same
/// way a docker-compose file would configure MangaMotion's containers).
/// </summary>
public sealed record StackOptions(
    string Postgres,
    string Redis,
    Uri S3Direct,
    Uri S3Public,
    string S3AccessKey,
    string S3SecretKey,
    string S3Region,
    string Bucket,
    string QueueKey,
    int RateLimitPerMinute,
    int MaxFileSizeMb,
    int Workers,
    int WorkRoundsPerPage,
    int ApiPort,
    int S3ProxyPort)
{
    /// <summary>contract (jobs in PostgreSQL, a Redis list) or bullmq (BullMQ's keys, finished jobs removed).</summary>
    public string Flavor { get; init; } = "contract";

    public bool IsBullMq => Flavor == "bullmq";

    /// <summary>The apiStartFails fault: the API exits during start-up (given at start, so no Redis read can race it).</summary>
    public bool ApiStartFails { get; init; }

    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        ["MM_FLAVOR"] = Flavor, ["MM_API_START_FAILS"] = ApiStartFails ? "1" : "0",
        ["MM_POSTGRES"] = Postgres, ["MM_REDIS"] = Redis, ["MM_S3_DIRECT"] = S3Direct.ToString(), ["MM_S3_PUBLIC"] = S3Public.ToString(),
        ["MM_S3_ACCESS_KEY"] = S3AccessKey, ["MM_S3_SECRET_KEY"] = S3SecretKey, ["MM_S3_REGION"] = S3Region, ["MM_BUCKET"] = Bucket,
        ["MM_QUEUE_KEY"] = QueueKey, ["RATE_LIMIT_JOBS_PER_MINUTE"] = RateLimitPerMinute.ToString(), ["MAX_FILE_SIZE_MB"] = MaxFileSizeMb.ToString(),
        ["MM_WORKERS"] = Workers.ToString(), ["MM_WORK_ROUNDS"] = WorkRoundsPerPage.ToString(), ["MM_API_PORT"] = ApiPort.ToString(),
        ["MM_S3_PROXY_PORT"] = S3ProxyPort.ToString(),
    };

    public static StackOptions FromEnvironment()
    {
        static string V(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");
        return new StackOptions(V("MM_POSTGRES"), V("MM_REDIS"), new Uri(V("MM_S3_DIRECT")), new Uri(V("MM_S3_PUBLIC")), V("MM_S3_ACCESS_KEY"),
            V("MM_S3_SECRET_KEY"), V("MM_S3_REGION"), V("MM_BUCKET"), V("MM_QUEUE_KEY"), int.Parse(V("RATE_LIMIT_JOBS_PER_MINUTE")),
            int.Parse(V("MAX_FILE_SIZE_MB")), int.Parse(V("MM_WORKERS")), int.Parse(V("MM_WORK_ROUNDS")), int.Parse(V("MM_API_PORT")),
            int.Parse(V("MM_S3_PROXY_PORT"))) { Flavor = V("MM_FLAVOR"), ApiStartFails = V("MM_API_START_FAILS") == "1" };
    }
}
