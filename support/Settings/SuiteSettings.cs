namespace MangaMotion.Acceptance.Settings;

public sealed record PostgresSettings(string Host, int Port, string User, string? Password, string Database);

public sealed record RedisSettings(string Host, int Port, string? Password, string QueueKey);

public sealed record S3Settings(Uri Endpoint, string AccessKey, string SecretKey, string Bucket);

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

    /// <summary>JSON faults for the embedded stack to start with (empty: none).</summary>
    public string StackFaults { get; init; } = "";

    public bool AllowAboveCaps { get; init; }

    public string ConfirmTarget { get; init; } = "";

    /// <summary>The whole run's deadline; null: the profile's default.</summary>
    public TimeSpan? RunDeadline { get; init; }

    /// <summary>What the sign-off compares with: "previous", "none" or a run folder name.</summary>
    public string BaselineRun { get; init; } = "previous";

    public int RegressionP95Percent { get; init; } = 20;

    public int RegressionSuccessPoints { get; init; } = 1;

    public bool UsesEmbeddedStack => BaseUrl is null;
}
