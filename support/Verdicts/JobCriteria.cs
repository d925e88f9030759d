using System.Globalization;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// The worker test's criteria read from the jobs' fates. Unknown fates are never failures: past
/// <see cref="MaxUnknownShare"/> of them the rates are NOT_MEASURED. Completion times of jobs still
/// pending when the polling window closed are censored: the P95 then is "at least the window".
/// </summary>
public static class JobCriteria
{
    public const double MaxUnknownShare = JudgingTolerances.UnknownJobShare;

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static Observation Rate(GuideTestRecord r, bool success)
    {
        if (r.Jobs is not { Followed: > 0 } j) return (null, "no job was followed to its end");
        var evidence = Fates(j) + Behind(r);
        if (j.UnknownShare > MaxUnknownShare) return Observation.Unmeasured($"{evidence}; {F(j.UnknownShare * 100)} % of the jobs ended with no known fate. {WouldHelp}");
        if (j.Known == 0) return Observation.Unmeasured($"{evidence}; no job's fate is known. {WouldHelp}");
        var failure = j.FailureRate * 100;
        return new Observation(success ? 100 - failure : failure, evidence) { Samples = j.Known };
    }

    /// <summary>
    /// The P95 over every job followed that did not fail: completed ones at their time, timed-out ones
    /// above the window. When the 95th percentile falls among the timed-out, it is only known to be at least the window.
    /// </summary>
    public static Observation CompletionP95(GuideTestRecord r)
    {
        if (r.Jobs is not { } j || j.Completed + j.TimedOut == 0) return (null, "no job completed or outlived the polling window");
        var times = j.CompletionSeconds.Order().ToList();
        var population = times.Count + j.TimedOut;
        var rank = (int)Math.Ceiling(0.95 * population);
        var known = $"{times.Count} jobs completed within the {F(j.WindowSeconds)} s polling window, {j.TimedOut} were still pending at its end" + Behind(r);
        if (rank > times.Count)
            return new Observation(j.WindowSeconds, $"{known}: fewer than 95 % completed inside the window, so the P95 is at least {F(j.WindowSeconds)} s")
                { IsLowerBound = true, Samples = population, ToMeasure = "raise MAX_POLL_ATTEMPTS (or POLL_INTERVAL_MS) so the window reaches the threshold" };
        var p95 = times[Math.Max(0, rank - 1)];
        return new Observation(p95, $"{known}; completion p50 {F(times[times.Count / 2])} s, p95 {F(p95)} s, max {F(times[^1])} s") { Samples = population };
    }

    private const string WouldHelp = "Another witness would tell: QUEUE_KEY / QUEUE_KIND naming the BullMQ queue (its events stream), " +
                                     "the API's job_processed_total / job_failed_total counters, or keeping finished jobs (BullMQ removeOnComplete: false)";

    /// <summary>The jobs' fates in one sentence: known ones, unknown ones apart, the witnesses, the reasons.</summary>
    public static string Describe(JobOutcomes j) => Fates(j);

    private static string Fates(JobOutcomes j) =>
        $"{j.Created} jobs created, {j.Followed} followed to their end: {j.Completed} completed, {j.Failed} failed, {j.TimedOut} timed out, {j.FateUnknown} fate unknown" +
        (j.Witnessed > 0 ? $" ({j.Witnessed} of them turned not_found and their fate came from {string.Join(", ", j.Witnesses)})" : "") +
        (j.FailedReasons.Count > 0 ? $"; reasons: {string.Join("; ", j.FailedReasons)}" : "") +
        (j.UnrecognisedStates.Count > 0 ? $"; status values not in JOB_STATES_DONE/FAILED/PENDING: {string.Join(", ", j.UnrecognisedStates)}" : "");

    /// <summary>The backlog the test started behind, when earlier tests left one.</summary>
    public static string Behind(GuideTestRecord r) => r.Backlog is { Behind: >= 1 } b
        ? $"; the test started behind {F(b.Behind)} jobs queued by earlier tests (queue {F(b.AtStart ?? 0)} at its start, {F(b.RunLevel ?? 0)} when the run began; waited {F(b.WaitedSeconds)} s for it to drain)"
        : "";
}
