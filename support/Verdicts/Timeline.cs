using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// When things began to go wrong, per test, on the load's clock: the first second each step saw
/// errors, the first failed sample of each probe, the first sample a watched process was gone, and an
/// early stop. A target that dies mid-run shows here which part went first and how long after it the
/// users noticed.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEvent> Of(IEnumerable<GuideTestRecord> records) => records.SelectMany(Of).ToList();

    public static IEnumerable<TimelineEvent> Of(GuideTestRecord r)
    {
        var events = new List<(double T, string What)>();
        foreach (var step in r.Load.Series.SelectMany(s => s.Steps.Select(kv => (s.T, Step: kv.Key, kv.Value))).Where(x => x.Value.Errors > 0)
                     .GroupBy(x => x.Step).Select(g => g.MinBy(x => x.T)))
            events.Add((Math.Max(0, step.T - 1), $"{step.Step} errors began: {step.Value.Errors} of {step.Value.Requests} requests failed in that second"));
        foreach (var failed in r.Infrastructure.Samples.Where(s => !s.Ok).GroupBy(s => s.Probe).Select(g => g.MinBy(s => s.T)!))
            events.Add((failed.T, $"{failed.Probe} probe failed: {Shorten(failed.Error)}"));
        foreach (var gone in r.Infrastructure.Samples.Where(s => s.Probe == ProbeNames.Resources)
                     .SelectMany(s => s.Values.Where(v => v.Key.StartsWith("process.", StringComparison.Ordinal) && v.Key.EndsWith(".up", StringComparison.Ordinal) && v.Value == 0)
                         .Select(v => (s.T, Process: v.Key["process.".Length..^".up".Length])))
                     .GroupBy(x => x.Process).Select(g => g.MinBy(x => x.T)))
            events.Add((gone.T, $"process {gone.Process} was no longer running"));
        if (r.Load.StoppedEarly is { } why) events.Add((r.Load.ActualDuration.TotalSeconds, $"load stopped early: {why}"));
        return events.OrderBy(e => e.T).Select(e => new TimelineEvent(r.TestId, Math.Round(e.T, 1), r.Load.StartedAt + TimeSpan.FromSeconds(e.T), e.What));
    }

    private static string Shorten(string? error) => error is null ? "" : error.Length <= 160 ? error : error[..157] + "...";
}
