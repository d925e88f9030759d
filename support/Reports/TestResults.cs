using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Results.RunFile;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Reports;

/// <summary>One guide test's record as results.json holds it: figures rounded where a reader would not want noise.</summary>
internal static class TestResults
{
    public static GuideTestResults Of(GuideTestRecord r) => new()
    {
        Id = r.TestId, Title = r.Title, Applied = r.Applied, ReleaseWouldApply = r.ReleaseWouldApply, Model = RunResultsJson.Element(r.Load.Plan),
        DurationSeconds = Math.Round(r.Load.ActualDuration.TotalSeconds, 3), StoppedEarly = r.Load.StoppedEarly,
        Iterations = r.Load.Iterations,
        IterationErrors = [.. r.Load.IterationErrors],
        Jobs = Jobs(r.Jobs),
        LoadGenerator = r.Load.Generator is { } g ? new LoadGeneratorRow(g.Saturated, [.. g.Reasons], g.Describe())
        {
            CpuMedianPercent = g.CpuMedian, CpuMaxPercent = g.CpuMax, CpuSamples = g.CpuSamples, Cores = g.Cores, TimerLateP95Ms = g.TimerLateP95Ms,
            TimerLateMaxMs = g.TimerLateMaxMs, TimerSamples = g.TimerSamples, ArrivalLateP95Ms = g.ArrivalLateP95Ms, Arrivals = g.Arrivals, DroppedArrivals = g.DroppedArrivals,
            MachineCpuMedianPercent = g.MachineCpuMedian, Crowded = g.Crowded,
        } : null,
        Backlog = r.Backlog,
        Queue = QueueFlow.Of(r) is { } f ? new QueueRow(f.Describe(), f.WorkerBehind, Math.Round(f.ArrivalsPerSecond, 3), Math.Round(f.DrainedPerSecond, 3),
            Math.Round(f.BacklogPerSecond, 3), f.DepthAtStart, f.DepthAtEnd)
            { SuiteArrivalsPerSecond = Math.Round(f.SuiteArrivalsPerSecond, 3), Seconds = f.Seconds, DrainSecondsLeft = f.DrainSecondsLeft } : null,
        Agents = r.Load.Agents.Count == 0 ? null : [.. r.Load.Agents.Select(a => new AgentRow(a.Index, a.Share, a.Requests, a.Generator is { Saturated: true },
            a.Generator?.State(), a.ClockSkewMs, a.Missing))],
        Steps = [.. r.Load.Steps.Select(Step)],
        Stages = [.. r.Load.StageSteps.Select(s => new StageRow(s.Stage.Name, s.Stage.Start.TotalSeconds, s.Stage.End.TotalSeconds, s.Stage.To, [.. s.Steps.Select(Step)]))],
        Series = [.. r.Load.Series.Select(s => new SecondRow(s.T, s.ActiveUsers, s.TargetUsers, s.IterationsStarted, s.Dropped,
            s.Steps.ToDictionary()))],
        Infrastructure = r.Infrastructure with { SamplerBusyShare = Math.Round(r.Infrastructure.SamplerBusyShare, 4) },
    };

    private static JobsRow? Jobs(JobOutcomes? j)
    {
        if (j is null) return null;
        return new JobsRow(j.Created, j.Completed, j.Failed, j.TimedOut, [.. j.FailedReasons])
        {
            FateUnknown = j.FateUnknown, Witnessed = j.Witnessed, Witnesses = [.. j.Witnesses], UnrecognisedStates = [.. j.UnrecognisedStates], WindowSeconds = j.WindowSeconds,
            CompletionSeconds = new CompletionRow(j.CompletionSeconds.Count, j.CompletionAt(0.5), j.CompletionAt(0.95), j.CompletionAt(1)),
        };
    }

    private static StepRow Step(StepStats s) => new()
    {
        Step = s.Step, Requests = s.Requests, Ok = s.Ok, Failed = s.Failed, SuccessRate = Math.Round(s.SuccessRate * 100, 3),
        LatencyMs = s.Latency, CorrectedLatencyMs = s.CorrectedLatency, Histogram = s.EncodedHistogram(),
        StatusCodes = s.StatusCodes.ToDictionary(k => k.Key.ToString(), v => v.Value), ErrorClasses = s.ErrorClasses.ToDictionary(),
        Examples = s.Examples.ToDictionary(e => e.Key, e => e.Value.ToList()), BytesSent = s.BytesSent, BytesReceived = s.BytesReceived,
    };
}
