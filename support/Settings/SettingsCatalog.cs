namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Every setting the suite reads, with the load testing guide's names and defaults and the API
/// contract's addresses and credentials. Unset BASE_URL means: start the embedded reference stack.
/// </summary>
public static class SettingsCatalog
{
    public static readonly Setting Profile = new("PROFILE", SettingKind.Choice, "smoke",
        "which sizes and durations to run: smoke (scaled down for CI) or release (the guide's, for sign-off)",
        Choices: ["smoke", "release"]);

    public static readonly Setting BaseUrl = new("BASE_URL", SettingKind.HttpUrl, null,
        "the MangaMotion API under test; unset starts the embedded reference stack (docker-compose: http://localhost:3000)");

    public static readonly Setting S3Endpoint = new("S3_ENDPOINT", SettingKind.HttpUrl, "http://localhost:9000", "object storage (MinIO) endpoint");
    public static readonly Setting FileSizeKb = new("FILE_SIZE_KB", SettingKind.Integer, null,
        "size of each uploaded page in KB; unset: the guide's 100 (uploads, worker) and 500 (presign)", 1, 102_400);
    public static readonly Setting ConcurrentUsers = new("CONCURRENT_USERS", SettingKind.Integer, "50", "virtual users of the concurrent uploads test", 1, 10_000);
    public static readonly Setting MaxPollAttempts = new("MAX_POLL_ATTEMPTS", SettingKind.Integer, "60", "status polls per job before it counts as timed out", 1, 100_000);
    public static readonly Setting PollIntervalMs = new("POLL_INTERVAL_MS", SettingKind.Integer, "1000", "pause between status polls, in milliseconds", 10, 600_000);
    public static readonly Setting InitialUsers = new("INITIAL_USERS", SettingKind.Integer, "10", "users at the first step of bottleneck detection", 1, 10_000);
    public static readonly Setting MaxUsers = new("MAX_USERS", SettingKind.Integer, "200", "users at the last step of bottleneck detection", 1, 10_000);
    public static readonly Setting RampUpStep = new("RAMP_UP_STEP", SettingKind.Integer, "10", "users added at each step of bottleneck detection", 1, 10_000);
    public static readonly Setting StepDuration = new("STEP_DURATION", SettingKind.Duration, "2m", "how long each step of bottleneck detection holds");
    public static readonly Setting Vus = new("VUS", SettingKind.Integer, null, "overrides the virtual users of every fixed-size test", 1, 10_000);
    public static readonly Setting Duration = new("DURATION", SettingKind.Duration, null, "overrides the duration of every fixed-duration test");

    public static readonly Setting PostgresHost = new("POSTGRES_HOST", SettingKind.Text, "localhost", "PostgreSQL host");
    public static readonly Setting PostgresPort = new("POSTGRES_PORT", SettingKind.Integer, "5432", "PostgreSQL port", 1, 65_535);
    public static readonly Setting PostgresUser = new("POSTGRES_USER", SettingKind.Text, "mmuser", "PostgreSQL user");
    public static readonly Setting PostgresPassword = new("POSTGRES_PASSWORD", SettingKind.Secret, null, "PostgreSQL password");
    public static readonly Setting PostgresDatabase = new("POSTGRES_DB", SettingKind.Text, "mangamotion", "PostgreSQL database");
    public static readonly Setting RedisHost = new("REDIS_HOST", SettingKind.Text, "localhost", "Redis host");
    public static readonly Setting RedisPort = new("REDIS_PORT", SettingKind.Integer, "6379", "Redis port", 1, 65_535);
    public static readonly Setting RedisPassword = new("REDIS_PASSWORD", SettingKind.Secret, null, "Redis password");
    public static readonly Setting QueueKey = new("QUEUE_KEY", SettingKind.Text, "ai-job:queue",
        "the Redis key of the job queue: a list (LLEN is the depth), or a BullMQ queue named by its wait list or prefix (bull:ai-job:wait or bull:ai-job)");
    public static readonly Setting QueueKind = new("QUEUE_KIND", SettingKind.Choice, "auto",
        "how QUEUE_KEY is read: auto (BullMQ when its :wait/:id/:events keys are there, else a list), list, or bullmq (depth = wait + prioritized + delayed + paused, active apart)",
        Choices: ["auto", "list", "bullmq"]);
    public static readonly Setting QueueDrainWait = new("QUEUE_DRAIN_WAIT", SettingKind.Duration, null,
        "how long the worker test waits for the jobs earlier tests queued to drain before it starts (default: 30s for smoke, 5m for release); 0s does not wait");
    public static readonly Setting JobStatesDone = new("JOB_STATES_DONE", SettingKind.Text, JobStates.DefaultDone,
        "status values that mean a job completed, comma separated");
    public static readonly Setting JobStatesFailed = new("JOB_STATES_FAILED", SettingKind.Text, JobStates.DefaultFailed,
        "status values that mean a job failed, comma separated");
    public static readonly Setting JobStatesPending = new("JOB_STATES_PENDING", SettingKind.Text, JobStates.DefaultPending,
        "status values that mean a job is still queued or running, comma separated");
    public static readonly Setting S3AccessKey = new("S3_ACCESS_KEY", SettingKind.Secret, "minioadmin", "object storage access key");
    public static readonly Setting S3SecretKey = new("S3_SECRET_KEY", SettingKind.Secret, "minioadmin", "object storage secret key");
    public static readonly Setting S3Bucket = new("S3_BUCKET", SettingKind.Text, "mm-bucket", "object storage bucket");

    public static readonly Setting PrometheusUrl = new("PROMETHEUS_URL", SettingKind.HttpUrl, null,
        "the deployment's Prometheus: the target's CPU and memory are read from it (process-exporter, cAdvisor or node_exporter metrics)");
    public static readonly Setting PrometheusSelector = new("PROMETHEUS_SELECTOR", SettingKind.Text, "",
        "label matchers naming the target in the default queries, e.g. job=\"mangamotion\" or name=~\"mangamotion-.*\"");
    public static readonly Setting PrometheusCpuQuery = new("PROMETHEUS_CPU_QUERY", SettingKind.Text, "",
        "PromQL giving the target's CPU in % of its cores, instead of the default queries");
    public static readonly Setting PrometheusMemoryQuery = new("PROMETHEUS_MEMORY_QUERY", SettingKind.Text, "",
        "PromQL giving the target's memory in % of its memory, instead of the default queries");
    public static readonly Setting PrometheusRateWindow = new("PROMETHEUS_RATE_WINDOW", SettingKind.Duration, "1m",
        "the range of rate() in the default CPU queries: at least two scrape intervals");

    public static readonly Setting TargetProcesses = new("TARGET_PROCESSES", SettingKind.Text, "",
        "the target's processes on this machine, by name as /proc/<pid>/comm shows them (e.g. node,postgres,redis-server): their CPU and memory are the target's when the embedded stack is not the target");

    public static readonly Setting SkipProbes = new("SKIP_PROBES", SettingKind.Text, "",
        "components not to probe, comma separated (api, postgres, redis, s3, resources, prometheus): reported as not checked");
    public static readonly Setting FlushRedis = new("FLUSH_REDIS_BEFORE_RUN", SettingKind.Flag, "false",
        "the guide's `redis-cli FLUSHDB` before a run: deletes every key of the Redis database, so it is off unless asked for");
    public static readonly Setting FlushRemoteRedis = new("FLUSH_REMOTE_REDIS", SettingKind.Flag, "false",
        "also allow FLUSH_REDIS_BEFORE_RUN on a Redis that is not on this machine");

    public static readonly Setting AllowAboveCaps = new("ALLOW_ABOVE_CAPS", SettingKind.Flag, "false",
        "lifts the profile's hard caps on virtual users and test duration (smoke: 50 users, 10m per test; release: 500 users, 90m per test)");
    public static readonly Setting ConfirmTarget = new("CONFIRM_TARGET", SettingKind.Text, "",
        "the host name of BASE_URL, written out: required to run the release profile against a target that is not this machine");
    public static readonly Setting RunDeadline = new("RUN_DEADLINE", SettingKind.Duration, null,
        "the whole run's deadline: past it, load stops and the reports are written, marked incomplete (default: 30m for smoke, 4h for release)");

    public static readonly Setting BaselineRun = new("BASELINE_RUN", SettingKind.Text, "previous",
        "the run the sign-off compares figures with: previous (the last complete run of the same profile), none, or an earlier run's folder name under reports/ (e.g. 20261125_082524)");
    public static readonly Setting RegressionP95Percent = new("REGRESSION_P95_PERCENT", SettingKind.Integer, "20",
        "a step's p95 above the baseline's by more than this many percent is flagged as a regression", 0, 10_000);
    public static readonly Setting RegressionSuccessPoints = new("REGRESSION_SUCCESS_POINTS", SettingKind.Integer, "1",
        "a step's success rate below the baseline's by more than this many percentage points is flagged as a regression", 0, 100);

    public static readonly Setting HistoryUri = new("HISTORY_URI", SettingKind.Text, null,
        "where the run history is kept, one record per run, for baselines and trends across machines: s3://bucket/prefix (S3_ENDPOINT and its keys), postgresql://user:password@host:port/database (a table of its own), or an absolute folder; unset: reports/history beside the runs");
    public static readonly Setting BaselineWindow = new("BASELINE_WINDOW", SettingKind.Integer, null,
        "how many earlier like-for-like runs a regression is judged against (unset: the number the scenario states, 10 in the features)", 1, 100);
    public static readonly Setting TargetVersion = new("TARGET_VERSION", SettingKind.Text, null,
        "the deployment's version, recorded with the run and named with a change point (unset: the version the API's health answer names, if any)");

    public static readonly Setting StackFlavor = new("STACK_FLAVOR", SettingKind.Choice, "contract",
        "how the embedded reference stack is built: contract (jobs in PostgreSQL and a Redis list) or bullmq (BullMQ's keys and events, finished jobs removed, one worker, no PostgreSQL in the request path)",
        Choices: ["contract", "bullmq"]);

    public static readonly Setting LoadTransport = new("LOAD_TRANSPORT", SettingKind.Choice, "loop",
        "how load connections reach the network: loop (the engine's own epoll loops, one per core; .NET's sockets where they cannot run) or sockets (.NET's socket engine); BENCHMARKS.md compares them",
        Choices: ["loop", "sockets"]);

    public static readonly Setting StackFaults = new("STACK_FAULTS", SettingKind.Text, "",
        "faults the embedded reference stack starts with, as the JSON its /admin/faults takes (the suite's own tests use it)");

    public static readonly Setting Agents = new("AGENTS", SettingKind.Integer, "1",
        "load agents applying the run together (a Kubernetes Indexed Job's parallelism); each applies its exact share", 1, 1_000);
    public static readonly Setting AgentIndex = new("AGENT_INDEX", SettingKind.Integer, null,
        "which agent this is, 0 to AGENTS-1; unset: the Indexed Job's JOB_COMPLETION_INDEX, else 0 (agent 0 probes, judges and reports)", 0, 999);
    public static readonly Setting RunId = new("RUN_ID", SettingKind.Text, null, "the run's id, shared by all its agents (required with AGENTS above 1)");
    public static readonly Setting ResultsUri = new("RESULTS_URI", SettingKind.Text, null,
        "where agents leave their partial results, as RUN_ID/agent-<i>/: s3://bucket/prefix or a folder (required with AGENTS above 1)");
    public static readonly Setting AgentDeadline = new("AGENT_DEADLINE", SettingKind.Duration, "10m",
        "how long an agent waits for the others at a start barrier, and agent 0 for their results after a test: past it the run is INCOMPLETE naming the missing ones");
    public static readonly Setting MergeOnly = new("MERGE_ONLY", SettingKind.Flag, "false",
        "apply no load: merge and judge the partial results of RUN_ID under RESULTS_URI (./acceptance merge RUN_ID sets it)");

    public static IReadOnlyList<Setting> All { get; } =
    [
        Profile, BaseUrl, S3Endpoint, FileSizeKb, ConcurrentUsers, MaxPollAttempts, PollIntervalMs,
        InitialUsers, MaxUsers, RampUpStep, StepDuration, Vus, Duration,
        PostgresHost, PostgresPort, PostgresUser, PostgresPassword, PostgresDatabase,
        RedisHost, RedisPort, RedisPassword, QueueKey, QueueKind, QueueDrainWait, JobStatesDone, JobStatesFailed, JobStatesPending,
        S3AccessKey, S3SecretKey, S3Bucket,
        PrometheusUrl, PrometheusSelector, PrometheusCpuQuery, PrometheusMemoryQuery, PrometheusRateWindow, TargetProcesses, SkipProbes, FlushRedis, FlushRemoteRedis, AllowAboveCaps, ConfirmTarget, RunDeadline, BaselineRun, RegressionP95Percent, RegressionSuccessPoints, HistoryUri, BaselineWindow, TargetVersion, StackFlavor, StackFaults, LoadTransport,
        Agents, AgentIndex, RunId, ResultsUri, AgentDeadline, MergeOnly,
    ];

    public static Setting? Find(string name) => All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.Ordinal));
}
