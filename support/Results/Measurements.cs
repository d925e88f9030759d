namespace MangaMotion.Acceptance.Results;

/// <summary>
/// The keys of what the resource probes measure, declared once (as dotnet/crank's MeasurementMetadata):
/// the probes write a sample's values under these keys; verdicts and charts read them by the same names.
/// </summary>
public static class ResourceMeasurements
{
    /// <summary>The whole machine's CPU (% of all its cores) and memory (% of all its memory).</summary>
    public const string MachineCpu = "cpu_percent", MachineMemory = "memory_percent";

    /// <summary>The target's own CPU (% of all cores) and memory (% of all memory), summed over its processes or containers.</summary>
    public const string TargetCpu = "target.cpu_percent", TargetMemory = "target.memory_percent";

    /// <summary>
    /// How many cores the machine that took the sample has: a process's CPU share is of these cores, so
    /// whoever judges the sample later (on another machine) turns it into cores used with this, not its own count.
    /// </summary>
    public const string Cores = "cores";

    /// <summary>The target's process the worker diagnosis reads (TARGET_PROCESSES names it so; the embedded stack's is).</summary>
    public const string WorkerProcess = "worker";

    /// <summary>One of the target's processes: its CPU (% of all cores), whether it is up, its resident memory.</summary>
    public static string ProcessCpu(string process) => $"process.{process}.cpu_percent";
    public static string ProcessUp(string process) => $"process.{process}.up";
    public static string ProcessRss(string process) => $"process.{process}.rss_bytes";

    /// <summary>The process a <see cref="ProcessCpu"/> key names, or null for any other key.</summary>
    public static string? ProcessOfCpu(string key) =>
        key.StartsWith("process.", StringComparison.Ordinal) && key.EndsWith(".cpu_percent", StringComparison.Ordinal) ? key["process.".Length..^".cpu_percent".Length] : null;
}

/// <summary>What the PostgreSQL probe measures (pg_stat_activity, pg_locks, pg_stat_database), by the keys its samples carry.</summary>
public static class DatabaseMeasurements
{
    public const string Connections = "connections", MaxConnections = "max_connections", ConnectionsUsedRatio = "connections_used_ratio";
    public const string ActiveQueries = "active_queries", LockWaits = "lock_waits", DeadlocksTotal = "deadlocks_total", LongRunningQueries = "long_running_queries";

    /// <summary>Client sessions of the database but the suite's own (application_name mm-acceptance-*): the application's use of PostgreSQL.</summary>
    public const string AppConnections = "app_connections";
}

/// <summary>What the Redis probe measures: the job queue (QUEUE_KEY) and the server's own INFO figures.</summary>
public static class QueueMeasurements
{
    /// <summary>Jobs waiting, jobs being worked on (BullMQ's active list), and BullMQ's id counter (every job ever added).</summary>
    public const string Depth = "queue_depth", Active = "queue_active", IdCounter = "queue_id";

    public const string PingMs = "ping_ms", UsedMemoryBytes = "used_memory_bytes", MaxMemoryBytes = "maxmemory_bytes", MemoryUsedRatio = "memory_used_ratio";
}

/// <summary>What the object storage probe measures: its own PUT, GET and DELETE of a small object, and liveness.</summary>
public static class StorageMeasurements
{
    public const string PutMs = "put_ms", GetMs = "get_ms", DeleteMs = "delete_ms", Live = "live";
}

/// <summary>What the API probe measures: /api/health, and /api/metrics flattened under "metrics." (whatever the deployment exposes).</summary>
public static class ApiMeasurements
{
    public const string HealthStatusCode = "health.status_code", Healthy = "health.healthy";

    /// <summary>The contract's job counters, where a deployment's /api/metrics has them.</summary>
    public const string JobsProcessed = "metrics.counters.job_processed_total", JobsFailed = "metrics.counters.job_failed_total";
}
