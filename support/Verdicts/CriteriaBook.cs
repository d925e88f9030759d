using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// What each criterion a scenario can name measures, in the words the features use: the stable id,
/// how the observed value is read from the test's record (durations in seconds, rates in %). Thresholds
/// and warning bands come from the scenario's table, never from here.
/// </summary>
public static class CriteriaBook
{
    /// <param name="Observe">reads the record; the second argument is the scenario's "up to N users" where it states one</param>
    public sealed record Entry(string Id, string Test, Func<GuideTestRecord, int?, Observation> Observe);

    private static readonly string[] InfrastructureFailures = ["server_error", "timeout", "connection"];

    private static readonly Dictionary<(string Test, string Name), Entry> Entries = new()
    {
        [(GuideTest.Uploads, "success rate")] = new(CriterionIds.UploadsSuccessRate, GuideTest.Uploads, (r, _) => Success(r, JourneySteps.Upload)),
        [(GuideTest.Uploads, "P95 response time")] = new(CriterionIds.UploadsP95, GuideTest.Uploads, (r, _) => P95(r, JourneySteps.Upload)),
        [(GuideTest.Uploads, "job failure rate")] = new(CriterionIds.UploadsJobFailure, GuideTest.Uploads, (r, _) => InfrastructureFailureRate(r, JourneySteps.Upload)),
        [(GuideTest.Presign, "presign success rate")] = new(CriterionIds.PresignSuccessRate, GuideTest.Presign, (r, _) => Success(r, JourneySteps.Presign)),
        [(GuideTest.Presign, "S3 upload success rate")] = new(CriterionIds.PresignS3SuccessRate, GuideTest.Presign, (r, _) => StorageUsed(r) ?? Success(r, JourneySteps.S3Put)),
        [(GuideTest.Presign, "presign P95 latency")] = new(CriterionIds.PresignP95, GuideTest.Presign, (r, _) => P95(r, JourneySteps.Presign)),
        [(GuideTest.Presign, "S3 upload P95 latency")] = new(CriterionIds.PresignS3P95, GuideTest.Presign, (r, _) => StorageUsed(r) ?? P95(r, JourneySteps.S3Put)),
        [(GuideTest.Worker, "job success rate")] = new(CriterionIds.WorkerJobSuccess, GuideTest.Worker, (r, _) => JobCriteria.Rate(r, success: true)),
        [(GuideTest.Worker, "P95 completion time")] = new(CriterionIds.WorkerCompletionP95, GuideTest.Worker, (r, _) => JobCriteria.CompletionP95(r)),
        [(GuideTest.Worker, "job failure rate")] = new(CriterionIds.WorkerJobFailure, GuideTest.Worker, (r, _) => JobCriteria.Rate(r, success: false)),
        [(GuideTest.Bottleneck, "success rate")] = new(CriterionIds.BottleneckSuccessRate, GuideTest.Bottleneck, (r, upTo) => Ramp.SuccessUpTo(r, upTo)),
        [(GuideTest.Bottleneck, "response time increase from baseline")] = new(CriterionIds.BottleneckDegradation, GuideTest.Bottleneck, (r, upTo) => Ramp.Degradation(r, upTo)),
        [(GuideTest.Bottleneck, "queue depth")] = new(CriterionIds.BottleneckQueueDepth, GuideTest.Bottleneck, (r, _) => Peak(r, ProbeNames.Redis, QueueMeasurements.Depth, "queue depth (jobs waiting in QUEUE_KEY)")),
        [(GuideTest.Bottleneck, "CPU usage")] = new(CriterionIds.BottleneckCpu, GuideTest.Bottleneck, (r, _) => TargetResources.Peak(r, "cpu")),
        [(GuideTest.Bottleneck, "memory usage")] = new(CriterionIds.BottleneckMemory, GuideTest.Bottleneck, (r, _) => TargetResources.Peak(r, "memory")),
        [(GuideTest.Bottleneck, "deadlocks")] = new(CriterionIds.BottleneckDeadlocks, GuideTest.Bottleneck, (r, _) => DatabaseUse.Judged(r, Deadlocks)),
        [(GuideTest.Bottleneck, "connection pool use")] = new(CriterionIds.BottleneckConnectionPool, GuideTest.Bottleneck, (r, _) => DatabaseUse.Judged(r, Pool)),
    };

    /// <summary>Every criterion id the book declares, in the guide's order.</summary>
    public static IReadOnlyList<string> Ids => Entries.Values.Select(e => e.Id).Distinct().ToList();

    /// <summary>Where a criterion stands in its test's table as the guide writes it (a held limit's id starts with its criterion's); unknown ids last.</summary>
    public static int Position(string criterionId)
    {
        var index = Entries.Values.Select(e => e.Id).ToList().FindIndex(id => criterionId == id || criterionId.StartsWith(id + ".", StringComparison.Ordinal));
        return index < 0 ? int.MaxValue : index;
    }

    internal static (double?, string) Peak(GuideTestRecord r, string probe, string key, string what)
    {
        var values = r.Infrastructure.Values(probe, key).ToList();
        if (values.Count == 0) return (null, $"no {what} readings ({r.Infrastructure.Failures(probe).Count()} failed samples)");
        var peak = values.MaxBy(v => v.Value);
        return (peak.Value, $"{what} peaked at {peak.Value:0.#} at {peak.T:0} s ({values.Count} samples, median {values.Select(v => v.Value).Order().ElementAt(values.Count / 2):0.#})");
    }

    /// <summary>No S3 request at all: the storage criteria do not apply (the presign criteria say why no URL came).</summary>
    private static Observation? StorageUsed(GuideTestRecord r) => r.Step(JourneySteps.S3Put) is { Requests: > 0 } ? null
        : Observation.NotUsed($"no S3 request was made during the test: {(r.Step(JourneySteps.Presign) is { Requests: > 0 } p ? $"none of the {p.Requests} presign answers gave an upload URL" : "no presign request was made")}, so object storage was not exercised");

    private static (double?, string) Deadlocks(GuideTestRecord r) => r.Infrastructure.Growth(ProbeNames.Postgres, DatabaseMeasurements.DeadlocksTotal) is { } d
        ? (d, $"pg_stat_database.deadlocks grew by {d:0} during the test")
        : (null, "PostgreSQL's deadlock counter could not be read");

    private static (double?, string) Pool(GuideTestRecord r)
    {
        // PostgreSQL refusing the probe itself for lack of connections is the strongest evidence there is.
        if (r.Infrastructure.Failures(ProbeNames.Postgres).FirstOrDefault(f => f.Error!.Contains("too many clients", StringComparison.OrdinalIgnoreCase) || f.Error.Contains("53300")) is { } refused)
            return (100, $"PostgreSQL refused a connection at {refused.T:0} s: {refused.Error}");
        if (r.Infrastructure.Max(ProbeNames.Postgres, DatabaseMeasurements.ConnectionsUsedRatio) is not { } ratio) return (null, "PostgreSQL's connections could not be read");
        var max = r.Infrastructure.Max(ProbeNames.Postgres, DatabaseMeasurements.MaxConnections) ?? 0;
        return (ratio * 100, $"up to {ratio * max:0} of {max:0} connections in use (pg_stat_activity against max_connections)");
    }

    /// <summary>Criteria the load engine can judge on every window of a test: a step's success rate or p95.</summary>
    private static readonly Dictionary<(string Test, string Name), (string Step, string Metric)> WindowedEntries = new()
    {
        [(GuideTest.Uploads, "success rate")] = (JourneySteps.Upload, "rate"), [(GuideTest.Uploads, "P95 response time")] = (JourneySteps.Upload, "p(95)"),
        [(GuideTest.Presign, "presign success rate")] = (JourneySteps.Presign, "rate"), [(GuideTest.Presign, "presign P95 latency")] = (JourneySteps.Presign, "p(95)"),
        [(GuideTest.Presign, "S3 upload success rate")] = (JourneySteps.S3Put, "rate"), [(GuideTest.Presign, "S3 upload P95 latency")] = (JourneySteps.S3Put, "p(95)"),
        [(GuideTest.Bottleneck, "success rate")] = (JourneySteps.Upload, "rate"),
    };

    /// <summary>The engine's step and metric for a criterion judged window by window.</summary>
    /// <exception cref="ArgumentException">naming the criteria that can be</exception>
    public static (string Step, string Metric) Windowed(string test, string name) =>
        WindowedEntries.TryGetValue((test, name), out var e) ? e
            : throw new ArgumentException($"'{name}' cannot be held while the {test} test runs; these can: {string.Join(", ", WindowedEntries.Keys.Where(k => k.Test == test).Select(k => k.Name))}");

    public static Entry Find(string test, string name) =>
        Entries.TryGetValue((test, name), out var e) ? e
            : throw new ArgumentException($"'{name}' is not a criterion of the {test} test; known: {string.Join(", ", Entries.Keys.Where(k => k.Test == test).Select(k => k.Name))}");

    /// <param name="upToUsers">the scenario's "up to N users" for a ramp, else null (every stage counts)</param>
    public static CriterionResult Judge(CriteriaRow row, GuideTestRecord record, int? upToUsers = null) =>
        Parse(row, record).Judge(Find(record.TestId, row.Criterion).Observe(record, upToUsers));

    /// <summary>A row of a scenario's criteria table as a criterion of the record's test, with the row's warning band if it has one.</summary>
    public static Criterion Parse(CriteriaRow row, GuideTestRecord record) =>
        Criterion.Parse(Find(record.TestId, row.Criterion).Id, $"{Title(record)}: {row.Criterion} {row.Threshold}", row.Threshold, row.Warning);

    private static string Title(GuideTestRecord r) => r.Title;

    private static (double?, string) Success(GuideTestRecord r, string step) => r.Step(step) is { Requests: > 0 } s
        ? (s.SuccessRate * 100, $"{s.Ok} of {s.Requests} {step} requests succeeded{Errors(s)}")
        : (null, $"no {step} requests were made");

    private static Observation P95(GuideTestRecord r, string step) => r.Step(step) is { Requests: > 0 } s
        ? new Observation(s.Latency.P95 / 1000, $"{step} p50 {s.Latency.P50 / 1000:0.###} s, p95 {s.Latency.P95 / 1000:0.###} s, p99 {s.Latency.P99 / 1000:0.###} s, max {s.Latency.Max / 1000:0.###} s over {s.Requests} requests") { Samples = s.Requests }
        : (null, $"no {step} measurements");

    private static (double?, string) InfrastructureFailureRate(GuideTestRecord r, string step)
    {
        if (r.Step(step) is not { Requests: > 0 } s) return (null, $"no {step} requests were made");
        var failures = s.ErrorClasses.Where(e => InfrastructureFailures.Contains(Classification.KindOf(e.Key))).Sum(e => e.Value);
        return (100.0 * failures / s.Requests, $"{failures} of {s.Requests} uploads failed for infrastructure reasons (5xx, timeouts, connections){Errors(s)}");
    }

    private static string Errors(StepStats s) => s.ErrorClasses.Count == 0 ? "" : $" ({string.Join(", ", s.ErrorClasses.Select(e => $"{e.Key}: {e.Value}"))})";
}

/// <summary>One row of a scenario's criteria table: the criterion's name, its threshold and, where the table has that column, its warning band.</summary>
public sealed record CriteriaRow(string Criterion, string Threshold, string? Warning = null);
