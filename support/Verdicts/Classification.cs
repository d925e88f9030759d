using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>A kind of error the guide's table names, how many, examples, and what the guide says it indicates.</summary>
public sealed record ErrorClassification(string Kind, long Count, IReadOnlyList<string> Examples, string Indicates);

/// <summary>
/// The guide's error classification: 429 → rate limiting (RATE_LIMIT_JOBS_PER_MINUTE), 500 → API or
/// database, timeouts → resource exhaustion, slow responses → contention; plus other client errors and
/// connection failures. Counts come from the engine's store; only kinds that occurred are listed.
/// </summary>
public static class Classification
{
    public const double SlowMilliseconds = 1000;

    public static IReadOnlyList<ErrorClassification> Classify(IEnumerable<RunRecord> records)
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
                Add("slow", $"{record.TestId}/{step.Step} answered in {SlowMilliseconds / 1000:0} s or more", Math.Max(0, step.CountAtOrAbove(SlowMilliseconds) - step.Failed), []);
        }
        return counts.Select(c => new ErrorClassification(c.Key, c.Value.Count, c.Value.Examples.Take(5).ToList(), Meaning(c.Key)))
            .OrderByDescending(c => c.Count).ToList();
    }

    public static string KindOf(string errorClass) => errorClass switch
    {
        "http_429" => "rate_limited",
        ErrorClasses.Timeout => "timeout",
        ErrorClasses.ConnectionRefused or ErrorClasses.ConnectionReset or ErrorClasses.Dns or ErrorClasses.Tls => "connection",
        _ when errorClass.StartsWith("http_5", StringComparison.Ordinal) => "server_error",
        _ when errorClass.StartsWith("http_4", StringComparison.Ordinal) => "client_error",
        _ => "client_error",
    };

    public static string Meaning(string kind) => kind switch
    {
        "rate_limited" => "rate limiting triggered: increase RATE_LIMIT_JOBS_PER_MINUTE or reduce concurrent users",
        "server_error" => "API crash or database issue: check the API's logs (docker logs mangamotion-api)",
        "timeout" => "resource exhaustion: check Redis, PostgreSQL or MinIO capacity",
        "slow" => "contention or a bottleneck: check CPU, memory, disk I/O",
        "connection" => "the service refused or dropped connections: is it running and reachable?",
        _ => "the request or the journey's check was refused: compare the deployment with the API contract",
    };
}
