namespace MangaMotion.Acceptance.Settings;

public sealed record PostgresSettings(string Host, int Port, string User, string? Password, string Database);

/// <param name="QueueKind">auto, list or bullmq: how QUEUE_KEY is read</param>
public sealed record RedisSettings(string Host, int Port, string? Password, string QueueKey, string QueueKind = "auto");

public sealed record S3Settings(Uri Endpoint, string AccessKey, string SecretKey, string Bucket);

/// <summary>The deployment's Prometheus (null Url: none), how the target is selected, and optional query overrides.</summary>
public sealed record PrometheusSettings(Uri? Url, string Selector, string CpuQuery, string MemoryQuery, TimeSpan RateWindow);

/// <summary>One value as a report shows it: masked if secret, and whether it came from the environment.</summary>
public sealed record SettingValue(string Name, string Shown, bool FromEnvironment);

/// <summary>The validated settings of a run. A null BaseUrl means the embedded reference stack is the target.</summary>
public sealed record SuiteSettings(
    string Profile,
    Uri? BaseUrl,
    int? FileSizeKb,
    int ConcurrentUsers,
    int MaxPollAttempts,
    TimeSpan PollInterval,
    int InitialUsers,
    int MaxUsers,
    int RampUpStep,
    TimeSpan StepDuration,
    int? Vus,
    TimeSpan? Duration,
    PostgresSettings Postgres,
    RedisSettings Redis,
    S3Settings S3,
    IReadOnlyList<SettingValue> Values)
{
    /// <summary>Components not to probe (reported as not checked).</summary>
    public IReadOnlySet<string> SkipProbes { get; init; } = new HashSet<string>();

    /// <summary>Delete every Redis key before the run (the guide's FLUSHDB): explicit only.</summary>
    public bool FlushRedis { get; init; }

    public bool FlushRemoteRedis { get; init; }

    /// <summary>What the job status values mean (JOB_STATES_DONE / _FAILED / _PENDING).</summary>
    public JobStates JobStates { get; init; } = JobStates.Default;

    /// <summary>How long the worker test waits for earlier tests' jobs to drain; null: the profile's default.</summary>
    public TimeSpan? QueueDrainWait { get; init; }

    public PrometheusSettings Prometheus { get; init; } = new(null, "", "", "", TimeSpan.FromMinutes(1));

    /// <summary>Names of the target's local processes (TARGET_PROCESSES), for its CPU and memory.</summary>
    public IReadOnlyList<string> TargetProcesses { get; init; } = [];

    /// <summary>The embedded stack's flavour: contract or bullmq.</summary>
    public string StackFlavor { get; init; } = "contract";

    /// <summary>LOAD_TRANSPORT: loop or sockets, how load connections reach the network.</summary>
    public string LoadTransport { get; init; } = "loop";

    /// <summary>JSON faults for the embedded stack to start with (empty: none).</summary>
    public string StackFaults { get; init; } = "";

    public bool AllowAboveCaps { get; init; }

    public string ConfirmTarget { get; init; } = "";

    /// <summary>The whole run's deadline; null: the profile's default.</summary>
    public TimeSpan? RunDeadline { get; init; }

    /// <summary>This process's place among the run's load agents (one agent by default).</summary>
    public AgentSettings Agents { get; init; } = AgentSettings.Single;

    /// <summary>What the sign-off compares with: "previous", "none" or a run folder name.</summary>
    public string BaselineRun { get; init; } = "previous";

    public int RegressionP95Percent { get; init; } = 20;

    public int RegressionSuccessPoints { get; init; } = 1;

    /// <summary>Where the run history is kept and what a run is recorded with.</summary>
    public HistorySettings History { get; init; } = HistorySettings.Local;

    public bool UsesEmbeddedStack => BaseUrl is null;
}
