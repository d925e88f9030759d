using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// What happened to the jobs a test created and followed. Completed, failed and timed out (still
/// pending when the polling window closed) are known fates; a job whose status turned not_found ended
/// with its fate unknown until another witness (the queue's events, its database row, the API's
/// counters) said which: <see cref="Witnessed"/> counts those, already added to completed or failed.
/// </summary>
/// <param name="CompletionSeconds">completion time of each completed job, from its upload to the poll that saw it end</param>
/// <param name="WindowSeconds">the polling window (MAX_POLL_ATTEMPTS × POLL_INTERVAL_MS): a job not ended by then timed out</param>
public sealed record JobOutcomes(long Created, long Completed, long Failed, long TimedOut, long FateUnknown, long Witnessed,
    IReadOnlyList<string> FailedReasons, IReadOnlyList<double> CompletionSeconds, double WindowSeconds,
    IReadOnlyList<string> Witnesses, IReadOnlyList<string> UnrecognisedStates)
{
    /// <summary>Jobs whose fate is known.</summary>
    public long Known => Completed + Failed + TimedOut;

    /// <summary>Jobs followed until they ended or the window closed.</summary>
    public long Followed => Known + FateUnknown;

    public double UnknownShare => Followed == 0 ? 0 : (double)FateUnknown / Followed;

    /// <summary>Failed and timed-out jobs over jobs whose fate is known; unknown fates are never counted as failures.</summary>
    public double FailureRate => Known == 0 ? double.NaN : (double)(Failed + TimedOut) / Known;

    /// <summary>The completed jobs' completion time at quantile <paramref name="q"/> (nearest rank), or null when none completed.</summary>
    public double? CompletionAt(double q)
    {
        if (CompletionSeconds.Count == 0) return null;
        var sorted = CompletionSeconds.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1))];
    }

    public static JobOutcomes None(double windowSeconds) => new(0, 0, 0, 0, 0, 0, [], [], windowSeconds, [], []);
}

/// <summary>
/// One guide test as it ran: the load engine's result, the infrastructure series on the same clock,
/// the jobs' fates where the test follows jobs, and the queue it started from. Verdicts and reports read nothing else.
/// </summary>
public sealed record GuideTestRecord(string TestId, string Title, string Applied, string ReleaseWouldApply, LoadResult Load, InfrastructureSeries Infrastructure, JobOutcomes? Jobs)
{
    public QueueBacklog? Backlog { get; init; }

    /// <summary>The size the test applied and the guide's release size, without overrides (for sign-off eligibility).</summary>
    public TestSize? AppliedSize { get; init; }
    public TestSize? ReleaseSize { get; init; }

    public StepStats? Step(string name) => Load.Step(name);
}
