using MangaMotion.Acceptance.Results.History;
using System.Text.Json;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports.Figures;

/// <summary>One line of reports/history.jsonl: when a run started, its profile, verdict and key figures.</summary>
/// <param name="Partial">not every guide test ran (a filtered run): shown in the trend, never the default baseline</param>
public sealed record HistoryEntry(string Run, DateTimeOffset? StartedAt, string? Profile, string Verdict, bool Incomplete, Dictionary<string, double> Figures, bool Partial = false)
{
    /// <summary>The line's format; null on lines written before formats were numbered (format 1, which reads the same).</summary>
    public int? Schema { get; init; }
}

/// <summary>
/// reports/history.jsonl, one line per run, recorded once by the run itself when it ends (never by a
/// renderer: re-rendering an old run leaves the history as it was): the daily runs' trend and the
/// default baseline (the last complete run of the same profile) come from it.
/// </summary>
public sealed class RunHistory(string reportsRoot)
{
    /// <summary>The format of the lines this build writes.</summary>
    public const int CurrentSchema = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = System.IO.Path.Combine(reportsRoot, "history.jsonl");

    public static HistoryEntry EntryFor(string run, RunResults report) => new(run, report.StartedAt, report.Profile, report.Verdict, report.Incomplete is not null,
        KeyFigures.Of(report).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Math.Round(g.First().Value, 3)), report.Partial is not null)
        { Schema = CurrentSchema };

    /// <summary>Whether a run's results are history: something was measured or judged (a run refused before any load is not).</summary>
    public static bool Counts(RunResults report) => report.Tests.Count > 0 || report.Criteria.Count > 0;

    /// <summary>Records the run whose folder is <paramref name="runFolder"/> (its results.json), in the history beside it; what the run calls once, when it ends.</summary>
    public static void RecordRun(string runFolder)
    {
        var report = RunResultsJson.Read(System.IO.Path.Combine(runFolder, "results.json"));
        if (!Counts(report)) return;
        var folder = System.IO.Path.TrimEndingDirectorySeparator(runFolder);
        new RunHistory(System.IO.Path.GetDirectoryName(folder)!).Record(EntryFor(System.IO.Path.GetFileName(folder), report));
    }

    /// <summary>Adds the run, replacing an earlier line for the same run (a re-rendered report is not a second run).</summary>
    public void Record(HistoryEntry entry)
    {
        var kept = ReadAll().Where(e => e.Run != entry.Run).Append(entry).OrderBy(e => e.StartedAt).ThenBy(e => e.Run, StringComparer.Ordinal);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllLines(temporary, kept.Select(e => JsonSerializer.Serialize(e, Json)));
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Every readable line, oldest first; a damaged line is skipped rather than losing the history.</summary>
    public IReadOnlyList<HistoryEntry> ReadAll()
    {
        if (!File.Exists(Path)) return [];
        var entries = new List<HistoryEntry>();
        foreach (var line in File.ReadLines(Path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            try { if (JsonSerializer.Deserialize<HistoryEntry>(line, Json) is { } e) entries.Add(e); }
            catch (JsonException) { }
        }
        return entries;
    }

    /// <summary>The last complete, whole (not partial) run before this one with the same profile, or null.</summary>
    public HistoryEntry? PreviousComparable(string run, string? profile) =>
        ReadAll().Where(e => e.Run != run && !e.Incomplete && !e.Partial && e.Profile == profile && string.CompareOrdinal(e.Run, run) < 0).LastOrDefault();
}
