using MangaMotion.Acceptance.Settings;
using System.Globalization;
using MangaMotion.Acceptance.Results;

namespace MangaMotion.Acceptance.Verdicts;


/// <summary>
/// The guide's four bottleneck diagnoses, each made only when the measurements show its symptoms:
/// object storage IOPS, database lock contention, worker CPU, API response time degradation.
/// Works with whatever the deployment exposes: a missing series is simply no evidence.
/// </summary>
public static class Diagnosis
{
    /// <summary>The kinds of bottleneck results.json names.</summary>
    public const string StorageKind = "storage_iops", DatabaseKind = "database_locks", WorkerKind = "worker", ApiKind = "api_degradation";

    public static IReadOnlyList<BottleneckDiagnosis> Diagnose(IReadOnlyList<GuideTestRecord> records)
    {
        var found = new List<BottleneckDiagnosis>();
        Add(found, StorageKind, "MinIO IOPS bottleneck", StorageSymptoms(records),
            ["Increase MinIO concurrency limits (MINIO_API_REQUESTS_MAX)", "Upgrade the storage backend (faster disks)", "Distribute across multiple MinIO instances", "Implement request batching"]);
        Add(found, DatabaseKind, "Database lock contention", DatabaseSymptoms(records),
            ["Add database indexes on frequently queried columns", "Increase the connection pool size (max_connections)", "Optimize slow queries", "Use read replicas for status checks"]);
        Add(found, WorkerKind, "Worker bottleneck", WorkerSymptoms(records),
            ["Scale workers horizontally (add worker instances)", "Optimize the processing algorithm", "Reduce file size limits", "Implement job prioritization"]);
        Add(found, ApiKind, "API response time degradation", ApiSymptoms(records),
            ["Add a caching layer (Redis)", "Optimize database queries", "Implement request batching", "Scale the API horizontally"]);
        return found;
    }

    private static void Add(List<BottleneckDiagnosis> into, string kind, string title, List<string> symptoms, string[] solutions)
    {
        if (symptoms.Count > 0) into.Add(new BottleneckDiagnosis(kind, title, symptoms, solutions));
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static List<string> StorageSymptoms(IReadOnlyList<GuideTestRecord> records)
    {
        var (symptoms, notes) = (new List<string>(), new List<string>());
        foreach (var r in records)
        {
            if (r.Step(JourneySteps.S3Put) is { Requests: > 0 } put)
            {
                var failures = put.ErrorClasses.Where(e => e.Key is "timeout" or "connection_reset" or "connection_refused" || e.Key.StartsWith("http_5")).Sum(e => e.Value);
                if (failures > 0 && failures >= JudgingTolerances.StorageFailureShare * put.Requests)
                    symptoms.Add($"{r.TestId}: {failures} of {put.Requests} S3 PUTs failed ({string.Join(", ", put.ErrorClasses.Select(e => $"{e.Key} {e.Value}"))})");
                if (put.Latency.P95 >= JudgingTolerances.StoragePutP95Ms) symptoms.Add($"{r.TestId}: S3 PUT p95 {F(put.Latency.P95 / 1000)} s");
            }
            // The probe's own timing only from seconds where the suite's machine could time it fairly.
            var trusted = ProbeTrust.Trusted(r, ProbeNames.S3).ToList();
            if (trusted.Select(s => s.Values.GetValueOrDefault(StorageMeasurements.PutMs)).DefaultIfEmpty(0).Max() is >= JudgingTolerances.StorageProbePutMs and var probePut)
                symptoms.Add($"{r.TestId}: the storage probe's own PUT took up to {F(probePut / 1000)} s");
            var down = trusted.Where(s => !s.Ok).ToList();
            if (down.Count >= JudgingTolerances.RepeatedSamples) symptoms.Add($"{r.TestId}: the storage probe failed {down.Count} times, first at {F(down[0].T)} s: {down[0].Error}");
            if (ProbeTrust.Untrusted(r, ProbeNames.S3) is { } note) notes.Add(note);
        }
        return symptoms.Count == 0 ? symptoms : [.. symptoms, .. notes];
    }

    private static List<string> DatabaseSymptoms(IReadOnlyList<GuideTestRecord> records)
    {
        var symptoms = new List<string>();
        foreach (var r in records)
        {
            var waits = r.Infrastructure.Values(ProbeNames.Postgres, DatabaseMeasurements.LockWaits).Where(v => v.Value > 0).ToList();
            if (waits.Count >= JudgingTolerances.RepeatedSamples) symptoms.Add($"{r.TestId}: lock waits in {waits.Count} samples (up to {F(waits.Max(w => w.Value))} at once), from {F(waits[0].T)} s");
            if (r.Infrastructure.Growth(ProbeNames.Postgres, DatabaseMeasurements.DeadlocksTotal) is > 0 and var deadlocks) symptoms.Add($"{r.TestId}: {F(deadlocks)} deadlock(s) during the test");
            if (r.Infrastructure.Max(ProbeNames.Postgres, DatabaseMeasurements.ConnectionsUsedRatio) is >= JudgingTolerances.ConnectionsUsedShare and var used)
                symptoms.Add($"{r.TestId}: connections reached {F(used * 100)} % of max_connections (pool exhaustion)");
            else if (r.Infrastructure.Failures(ProbeNames.Postgres).FirstOrDefault(f => f.Error!.Contains("too many clients", StringComparison.OrdinalIgnoreCase)) is { } refused)
                symptoms.Add($"{r.TestId}: PostgreSQL refused connections at {F(refused.T)} s (pool exhaustion): {refused.Error}");
            foreach (var blocked in r.Infrastructure.Details(ProbeNames.Postgres).Where(d => d.Contains("blocked by", StringComparison.Ordinal)).Take(2))
                symptoms.Add($"{r.TestId}: {blocked}");
        }
        return symptoms;
    }

    /// <summary>
    /// The queue grows because the worker drains less than arrives (whatever limits it: CPU, concurrency,
    /// a slow dependency), or a test sat behind a backlog; the worker's CPU and job times where known.
    /// </summary>
    private static List<string> WorkerSymptoms(IReadOnlyList<GuideTestRecord> records)
    {
        var symptoms = new List<string>();
        foreach (var r in records)
        {
            var cpu = WorkerCores(r);
            var extra = (double.IsNaN(cpu) ? "" : $"; the worker used up to {F(cpu)} % of a core") +
                        (r.Jobs is { Completed: > 0 } j ? $"; job completion p50 {F(j.CompletionSeconds.Order().ElementAt(j.CompletionSeconds.Count / 2))} s" : "");
            if (QueueFlow.Of(r) is { WorkerBehind: true } flow) symptoms.Add($"{r.TestId}: {flow.Describe()}{extra}");
            else if (r.Jobs is { TimedOut: > 0 } timedOut && r.Backlog is { Behind: >= JudgingTolerances.BacklogJobs } b)
                symptoms.Add($"{r.TestId}: started behind {F(b.Behind)} queued jobs and {timedOut.TimedOut} jobs outlived the {F(timedOut.WindowSeconds)} s polling window{extra}");
        }
        return symptoms;
    }

    /// <summary>
    /// The worker's peak CPU in % of one core: its share of the sampled machine times that machine's cores,
    /// as the sample recorded them (never the judging machine's); NaN where no sample says both.
    /// </summary>
    private static double WorkerCores(GuideTestRecord r) => r.Infrastructure.Samples
        .Where(s => s.Probe == ProbeNames.Resources && s.Values.ContainsKey(ResourceMeasurements.ProcessCpu(ResourceMeasurements.WorkerProcess)) && s.Values.ContainsKey(ResourceMeasurements.Cores))
        .Select(s => s.Values[ResourceMeasurements.ProcessCpu(ResourceMeasurements.WorkerProcess)] * s.Values[ResourceMeasurements.Cores]).DefaultIfEmpty(double.NaN).Max();

    private static List<string> ApiSymptoms(IReadOnlyList<GuideTestRecord> records)
    {
        var symptoms = new List<string>();
        foreach (var r in records)
        foreach (var step in new[] { JourneySteps.Upload, JourneySteps.Presign, JourneySteps.Status })
        {
            var seconds = r.Load.Series.Where(s => s.Steps.TryGetValue(step, out var x) && x.Requests > 0).ToList();
            if (seconds.Count < JudgingTolerances.TrendSeconds) continue;
            var window = Math.Max(2, seconds.Count / 5);
            double P95(IEnumerable<Load.Measurement.SecondSample> part) => part.Select(s => s.Steps[step].P95).Order().ElementAt(part.Count() / 2);
            var (first, last) = (P95(seconds.Take(window)), P95(seconds.TakeLast(window)));
            if (first > 0 && last > first * JudgingTolerances.TrendRise && last >= JudgingTolerances.TrendFloorMs)
                symptoms.Add($"{r.TestId}: {step} p95 rose from {F(first)} ms to {F(last)} ms (+{F((last / first - 1) * 100)} %)");
            if (r.Step(step)?.ErrorClasses.GetValueOrDefault("timeout") is > 0 and var timeouts) symptoms.Add($"{r.TestId}: {timeouts} {step} requests timed out");
        }
        return symptoms;
    }
}
