using MangaMotion.Acceptance.Reports.Figures;
using MangaMotion.Acceptance.Reports.Pages;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports;

/// <summary>What the sign-off compares with: "previous" (the last complete run of the same profile), "none", or a run folder name.</summary>
public sealed record SignoffOptions(string Baseline, Tolerance Tolerance)
{
    public static SignoffOptions Default { get; } = new("previous", new Tolerance());

    public static SignoffOptions From(Settings.SuiteSettings s) => new(s.BaselineRun, new Tolerance(s.RegressionP95Percent, s.RegressionSuccessPoints));
}

/// <summary>
/// Renders a run folder's sign-off from its results.json alone: signoff.html and signoff.md. It reads
/// reports/history.jsonl for the trend and the baseline and never writes it (the run records itself,
/// <see cref="RunHistory.RecordRun"/>). The run's final rendering also appends the Markdown to
/// GITHUB_STEP_SUMMARY when set: once per run, not at every checkpoint or re-rendering.
/// </summary>
public static class SignoffWriter
{
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public static IReadOnlyList<string> Write(string runFolder, SignoffOptions options, bool appendToJobSummary = false)
    {
        var report = RunResultsJson.Read(Path.Combine(runFolder, "results.json"));
        var run = Path.GetFileName(Path.TrimEndingDirectorySeparator(runFolder));
        var reportsRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(runFolder))!;
        var history = new RunHistory(reportsRoot);
        var (comparison, because) = Compare(report, run, reportsRoot, history, options);
        // This run in the trend as it stands now, whether or not it has recorded itself yet.
        // The history store's runs when the run read them (like for like, from every machine), else this machine's history.jsonl.
        var entries = report.History is { Runs.Count: > 0 } stored
            ? stored.Runs.Select(t => new HistoryEntry(t.Run, t.StartedAt, report.Profile, t.Verdict, false, t.Figures)).Where(e => e.Run != run).ToList()
            : history.ReadAll().Where(e => e.Run != run).ToList();
        if (RunHistory.Counts(report)) entries.Add(RunHistory.EntryFor(run, report));
        var trend = entries.Where(e => e.Profile == report.Profile && !e.Incomplete).OrderBy(e => e.StartedAt).ThenBy(e => e.Run, StringComparer.Ordinal).ToList();
        var model = new SignoffModel(run, report, comparison, because, trend);

        var html = Path.Combine(runFolder, "signoff.html");
        var md = Path.Combine(runFolder, "signoff.md");
        File.WriteAllText(html, SignoffHtml.Render(model));
        var markdown = SignoffMarkdown.Render(model);
        File.WriteAllText(md, markdown);
        if (appendToJobSummary && Environment.GetEnvironmentVariable(StepSummaryVariable) is { Length: > 0 } summary) File.AppendAllText(summary, markdown + Environment.NewLine);
        return [html, md];
    }

    /// <summary>As <see cref="Write"/>, but a page that cannot be rendered is reported to <paramref name="say"/>: it never hides results.json.</summary>
    public static IReadOnlyList<string> TryWrite(string runFolder, SignoffOptions options, Action<string> say, bool appendToJobSummary = false)
    {
        try { return Write(runFolder, options, appendToJobSummary); }
        catch (Exception e)
        {
            say($"sign-off pages could not be rendered ({e.GetType().Name}: {e.Message}); results.json has every figure");
            return [];
        }
    }

    /// <summary>Null with the reason when there is nothing to compare with; a named baseline that is missing is said so, not silently skipped.</summary>
    private static (Comparison?, string?) Compare(RunResults report, string run, string reportsRoot, RunHistory history, SignoffOptions options)
    {
        if (report.Tests.Count == 0) return (null, "Nothing was measured in this run, so nothing is compared.");
        var name = options.Baseline.Trim();
        if (name.Equals("none", StringComparison.OrdinalIgnoreCase)) return (null, "No comparison: BASELINE_RUN is none.");
        if (name.Equals("previous", StringComparison.OrdinalIgnoreCase))
        {
            var previous = history.PreviousComparable(run, report.Profile);
            if (previous is null) return (null, $"No earlier complete run of the {report.Profile} profile in reports/history.jsonl: this run is the first baseline.");
            name = previous.Run;
        }
        var path = BaselineLocator.ResultsOf(reportsRoot, name);
        if (path is null) return (null, $"Baseline run {name} has no results.json under {reportsRoot} (BASELINE_RUN).");
        try { return (Comparison.Between(report, RunResultsJson.Read(path), name, options.Tolerance), null); }
        catch (InvalidDataException e) { return (null, $"Baseline run {name} could not be read: {e.Message}"); }
    }
}

/// <summary>Finds an earlier run's results.json by folder name (or path), so a bad BASELINE_RUN is refused before any load.</summary>
public static class BaselineLocator
{
    public static string? ResultsOf(string reportsRoot, string name)
    {
        foreach (var candidate in new[] { Path.Combine(reportsRoot, name, "results.json"), Path.Combine(name, "results.json"), name })
            if (File.Exists(candidate) && candidate.EndsWith("results.json", StringComparison.Ordinal)) return Path.GetFullPath(candidate);
        return null;
    }

    /// <summary>An error naming BASELINE_RUN and what it accepts, or null when it can be used.</summary>
    public static string? Check(string reportsRoot, string name) =>
        name.Trim() is var n && (n.Equals("previous", StringComparison.OrdinalIgnoreCase) || n.Equals("none", StringComparison.OrdinalIgnoreCase) || ResultsOf(reportsRoot, n) is not null)
            ? null
            : $"BASELINE_RUN '{name}' names no earlier run: accepted are previous, none, or the folder name of a run under {reportsRoot} that has a results.json";
}
