using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Results.RunFile;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.History;

/// <summary>A run's history record, made from its results.json alone (what the run wrote is what the history keeps).</summary>
public static class HistoryRecords
{
    public static HistoryRecord From(string run, string runId, RunResults report, string target, string? targetVersion) => new()
    {
        Schema = HistoryRecord.CurrentSchema, Run = run, RunId = runId, StartedAt = report.StartedAt, EndedAt = report.EndedAt, Profile = report.Profile,
        Target = target, TargetVersion = targetVersion, SuiteVersion = report.Suite?.Version, Verdict = report.Verdict,
        Incomplete = report.Incomplete is not null, Partial = report.Partial is not null,
        Figures = KeyFigures.Of(report).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Math.Round(g.First().Value, 3)),
        Tests = report.Tests.Select(t => new HistoryTest(t.Id, t.Applied, t.StoppedEarly,
            t.Steps.Select(s => new HistoryStep(s.Step, s.Requests, s.Ok, s.Histogram)).ToList(), t.Jobs?.CompletionSeconds?.P95)).ToList(),
    };

    /// <summary>
    /// The deployment as the history names it: runs line up by it. The embedded stack is one deployment
    /// whatever ports it got; another is its BASE_URL without user part, query or trailing slash.
    /// </summary>
    public static string TargetOf(SuiteSettings settings) => settings.BaseUrl is not { } url
        ? $"embedded reference stack ({settings.StackFlavor})"
        : $"{url.Scheme}://{url.Host}{(url.IsDefaultPort ? "" : ":" + url.Port)}{url.AbsolutePath.TrimEnd('/')}";
}
