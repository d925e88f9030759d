using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Pipeline;

/// <summary>The sizes a test applied and would apply: the profile's, the release profile's and the guide's own release size.</summary>
public sealed record AppliedSizes(string ProfileName, TestSize Applied, TestSize Release, TestSize Guide);

/// <summary>A test's record from what its stages produced: what it applied, the load and series, the jobs' fates where it follows them, the queue it started from.</summary>
public static class CollectStage
{
    public static GuideTestRecord Collect(string test, AppliedSizes sizes, Loaded loaded, JobOutcomes? jobs, QueueBacklog? backlog) =>
        new(test, GuideTest.Titles[test], $"{sizes.ProfileName} profile, {sizes.Applied.Describe()}", sizes.Release.Describe(), loaded.Result, loaded.Series, jobs)
        {
            Backlog = backlog, AppliedSize = sizes.Applied, ReleaseSize = sizes.Guide,
        };

    /// <summary>The test's closing lines in its log: what each step did, an early stop, a saturated generator.</summary>
    public static void Summarize(string test, LoadResult result, Action<string> say)
    {
        say($"[{test}] done in {result.ActualDuration.TotalSeconds:0.0} s: {string.Join("; ", result.Steps.Select(s => $"{s.Step} {s.Requests} requests, {s.SuccessRate:P1} ok, p95 {s.Latency.P95:0} ms"))}");
        if (result.StoppedEarly is { } why) say($"[{test}] stopped early: {why}");
        if (result.Generator is { Saturated: true } generator) say($"[{test}] {generator.State()}");
    }
}
