using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results.History;

/// <summary>
/// One run as the history keeps it, written once when the run ends, as its own object in the history
/// store (never a line appended to a shared file): when and against what it ran, what it applied per
/// test, its verdict, key figures and each step's whole latency histogram, so later runs can compare
/// distributions, not just percentiles. Lines of the old reports/history.jsonl (formats 1 and 2) read
/// as records without tests.
/// </summary>
public sealed record HistoryRecord
{
    /// <summary>3: tests with their applied load and histograms, target, versions. 2 and 1: history.jsonl lines.</summary>
    public const int CurrentSchema = 3;

    public int? Schema { get; init; }
    public string Run { get; init; } = "";
    /// <summary>The suite's unique id of the run: two runners' folders may share a name, never an id.</summary>
    public string? RunId { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Profile { get; init; }
    /// <summary>The deployment, named so runs against it line up (no ports of a throwaway stack, no secrets).</summary>
    public string? Target { get; init; }
    public string? TargetVersion { get; init; }
    /// <summary>The suite's own build that measured the run.</summary>
    public string? SuiteVersion { get; init; }
    public string Verdict { get; init; } = "";
    public bool Incomplete { get; init; }
    /// <summary>Not every guide test ran (a filtered run): its tests still count, each like for like.</summary>
    public bool Partial { get; init; }
    public Dictionary<string, double> Figures { get; init; } = [];
    public List<HistoryTest> Tests { get; init; } = [];

    /// <summary>The record's key in the store: sortable by start, unique per run even when two runs share a folder name.</summary>
    [JsonIgnore] public string Key => $"runs/{StartedAt?.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}_{Run}{(RunId is { } id ? "_" + id : "")}.json";

    public HistoryTest? Test(string id) => Tests.FirstOrDefault(t => t.Id == id);
}

/// <param name="Applied">the load it applied, in words ("smoke profile, 5 users for 20s, 100 KB pages"): like for like means equal</param>
/// <param name="StoppedEarly">why the test's load stopped before its plan ended, or null</param>
/// <param name="JobCompletionP95Seconds">the p95 of its jobs' completion times, where it followed jobs</param>
public sealed record HistoryTest(string Id, string? Applied, string? StoppedEarly, List<HistoryStep> Steps, double? JobCompletionP95Seconds = null)
{
    public HistoryStep? Step(string name) => Steps.FirstOrDefault(s => s.Step == name);
}

/// <param name="Histogram">every request's latency (microseconds, HDR compressed), or null where none completed</param>
public sealed record HistoryStep(string Step, long Requests, long Ok, byte[]? Histogram);
