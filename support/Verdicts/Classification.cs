using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Verdicts;


/// <summary>
/// The guide's error classification: 429 → rate limiting (RATE_LIMIT_JOBS_PER_MINUTE), 500 → API or
/// database, timeouts → resource exhaustion, slow responses → contention; plus other client errors and
/// connection failures. Counts come from the engine's store; only kinds that occurred are listed.
/// </summary>
public static class Classification
{
    public const double SlowMilliseconds = JudgingTolerances.SlowResponseMs;

    public static IReadOnlyList<ErrorClassification> Classify(IEnumerable<GuideTestRecord> records)
    {
        var counts = new Dictionary<string, (long Count, List<string> Examples)>();
        void Add(string kind, string where, long n, IEnumerable<string> examples)
        {
            if (n <= 0) return;
            if (!counts.TryGetValue(kind, out var entry)) entry = (0, []);
            entry.Examples.AddRange(examples.Take(2).Select(e => $"{where}: {e}").DefaultIfEmpty($"{where} x{n}"));
            counts[kind] = (entry.Count + n, entry.Examples);
        }
        foreach (var record in records)
        foreach (var step in record.Load.Steps)
        {
            foreach (var (error, n) in step.ErrorClasses)
                Add(KindOf(error), $"{record.TestId}/{step.Step} {error}", n, step.Examples.GetValueOrDefault(error) ?? []);
            // Slow *responses*: a step no server answered with a status (a whole job followed by polling) is not one.
            if (step.StatusCodes.Count > 0)
                Add(Slow, $"{record.TestId}/{step.Step} answered in {SlowMilliseconds / 1000:0} s or more", Math.Max(0, step.CountAtOrAbove(SlowMilliseconds) - step.Failed), []);
        }
        foreach (var record in records.Where(r => r.Jobs is { FateUnknown: > 0 }))
            Add(JobFateUnknown, $"{record.TestId}/job", record.Jobs!.FateUnknown, [$"{record.Jobs.FateUnknown} jobs turned not_found with no witness of their fate"]);
        return counts.Select(c => new ErrorClassification(c.Key, c.Value.Count, c.Value.Examples.Take(5).ToList(), Meaning(c.Key)))
            .OrderByDescending(c => c.Count).ToList();
    }

    /// <summary>Kinds counted beside the failed requests, not among them: slow answers and jobs whose fate no witness told.</summary>
    public static bool IsExtraToFailures(string kind) => kind is Slow or JobFateUnknown;

    public const string Slow = "slow", JobFateUnknown = "job_fate_unknown";

    public static string KindOf(string errorClass) => errorClass switch
    {
        "http_429" => "rate_limited",
        JobTimeout => "job_timeout",
        JobFailed => "job_failed",
        ErrorClasses.Timeout => "timeout",
        ErrorClasses.ConnectionRefused or ErrorClasses.ConnectionReset or ErrorClasses.Dns or ErrorClasses.Tls => "connection",
        _ when errorClass.StartsWith("http_5", StringComparison.Ordinal) => "server_error",
        _ when errorClass.StartsWith("http_4", StringComparison.Ordinal) => "client_error",
        _ => "client_error",
    };

    /// <summary>The worker journey's error classes for a job that outlived the polling window, or that the worker failed.</summary>
    public const string JobTimeout = "job_timeout", JobFailed = "job_failed";

    public static string Meaning(string kind) => kind switch
    {
        "job_timeout" => "slow processing: the job was still queued or running when the polling window (MAX_POLL_ATTEMPTS × POLL_INTERVAL_MS) closed; check the worker's throughput against the arrivals and the queue's backlog (docker logs mangamotion-worker)",
        "job_failed" => "the worker failed the job: its reason is quoted; worker crashes or queue issues (docker logs mangamotion-worker)",
        JobFateUnknown => "the job's status turned not_found (the queue deletes finished jobs) and no other witness said how it ended: not counted as a failure; name the BullMQ queue in QUEUE_KEY so its events can tell",
        "rate_limited" => "rate limiting triggered: increase RATE_LIMIT_JOBS_PER_MINUTE or reduce concurrent users",
        "server_error" => "API crash or database issue: check the API's logs (docker logs mangamotion-api)",
        "timeout" => "resource exhaustion: check Redis, PostgreSQL or MinIO capacity",
        Slow => "contention or a bottleneck: check CPU, memory, disk I/O",
        "connection" => "the service refused or dropped connections: is it running and reachable?",
        _ => "the request or the journey's check was refused: compare the deployment with the API contract",
    };
}
