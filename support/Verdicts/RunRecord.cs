using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>What happened to the jobs a test created: completed, failed, timed out (still waiting/active after the last poll), vanished (not_found after being seen).</summary>
public sealed record JobOutcomes(long Created, long Completed, long Failed, long TimedOut, long Vanished, IReadOnlyList<string> FailedReasons)
{
    public long Finished => Completed + Failed + TimedOut + Vanished;

    /// <summary>Failed and timed-out jobs over jobs whose fate is known; vanished jobs count as completed only where configured.</summary>
    public double FailureRate(bool vanishedMeansCompleted) =>
        Finished == 0 ? double.NaN : (double)(Failed + TimedOut + (vanishedMeansCompleted ? 0 : Vanished)) / Finished;
}

/// <summary>
/// One guide test as it ran: the load engine's result, the infrastructure series on the same clock,
/// and the jobs' fates where the test follows jobs. Verdicts and reports read nothing else.
/// </summary>
public sealed record RunRecord(string TestId, string Title, string Applied, string ReleaseWouldApply, RunResult Load, InfrastructureSeries Infrastructure, JobOutcomes? Jobs)
{
    public StepStats? Step(string name) => Load.Step(name);
}
