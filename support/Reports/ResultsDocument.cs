using System.Text.Json;
using System.Text.Json.Serialization;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Reports;

/// <summary>
/// results.json: every verdict and figure of a run, machine-readable and versioned by its schema
/// field. The sign-off pages are rendered from this file alone, so an old run can be re-rendered.
/// </summary>
public static class ResultsDocument
{
    /// <summary>
    /// 2: breaking points became objects (summary, stage, users, fromSeconds) instead of sentences.
    /// 3 (still): tests carry a loadGenerator object (its figures, saturated); signOffReasons list why a run is not eligible.
    /// 3: jobs count fates (fateUnknown, witnessed, completion times) instead of "vanished"; tests carry
    /// their queue backlog and flow; criteria their sample count; the run says whether it was partial and what cleanup did.
    /// </summary>
    public const string Schema = "mangamotion-acceptance/results/3";

    /// <summary>The guide's four tests: a run that ran fewer of them is partial, and never a default baseline.</summary>

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) }, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Input(string Profile, bool CanSignOff, string Target, DateTimeOffset StartedAt, DateTimeOffset EndedAt, bool Interrupted,
        string? StoppedBecause, RunVerdicts Verdicts, IReadOnlyList<RunRecord> Tests, IReadOnlyList<SettingValue> Settings, string SuiteVersion)
    {
        /// <summary>What cleanup removed and could not remove, per component (empty before it ran).</summary>
        public IReadOnlyList<string> Cleanup { get; init; } = [];
        /// <summary>What was done to the deployment before the first test (the guide's Redis flush), if anything was asked.</summary>
        public string? Preparation { get; init; }
    }

    /// <summary>The run as judged at this checkpoint (<see cref="Judge.Run"/>), serialised: nothing is judged here.</summary>
    public static string Render(Input run)
    {
        var judged = Judge.Run(run.Profile, run.Interrupted, run.Verdicts, run.Tests);
        var (verdict, eligibility) = (judged.Verdict, judged.Eligibility);
        var document = new
        {
            schema = Schema,
            verdict = verdict.Label(),
            signOff = eligibility.Describe(),
            signOffReasons = eligibility.Reasons,
            profile = run.Profile,
            target = run.Target,
            startedAt = run.StartedAt,
            endedAt = run.EndedAt,
            incomplete = run.Interrupted ? run.StoppedBecause ?? "the run did not finish" : null,
            partial = judged.Partial,
            criteria = judged.Criteria.Select(c => new { c.Id, c.Title, verdict = c.Verdict.Label(), c.Observed, c.Threshold, c.Unit, c.Evidence, c.Samples, lowConfidence = c.LowConfidence ? true : (bool?)null, atLeast = c.AtLeast ? true : (bool?)null }),
            classifications = judged.Classifications.Select(c => new { c.Kind, c.Count, c.Examples, c.Indicates }),
            diagnoses = judged.Diagnoses.Select(d => new { d.Kind, d.Title, d.Symptoms, d.Solutions }),
            readiness = run.Verdicts.Readiness.Select(r => new { r.Component, state = r.State.ToString(), r.Detail, r.SettingToCheck }),
            configuration = run.Verdicts.Configuration,
            breakingPoints = judged.BreakingPoints,
            preparation = run.Preparation,
            cleanup = run.Cleanup.Count > 0 ? run.Cleanup : null,
            timeline = judged.Timeline,
            tests = run.Tests.Select(Test),
            settings = run.Settings.Select(s => new { s.Name, value = s.Shown, s.FromEnvironment }),
            suite = new { version = run.SuiteVersion, machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}" },
        };
        return Redaction.Mask(JsonSerializer.Serialize(document, Json));
    }

    /// <summary>The report of a run that never started: settings refused before any load, each named with what it accepts.</summary>
    public static string RenderRefusal(IEnumerable<SettingError> errors, DateTimeOffset at) => Redaction.Mask(JsonSerializer.Serialize(new
    {
        schema = Schema,
        verdict = Verdict.Incomplete.Label(),
        incomplete = "nothing was run: settings refused before any load",
        refusedSettings = errors.Select(e => new { setting = e.Name, value = e.Shown, e.Problem, e.Accepted }),
        startedAt = at,
        criteria = Array.Empty<object>(),
        classifications = Array.Empty<object>(),
        diagnoses = Array.Empty<object>(),
    }, Json));

    private static object Test(RunRecord r) => new
    {
        id = r.TestId, r.Title, applied = r.Applied, releaseWouldApply = r.ReleaseWouldApply, model = r.Load.Plan,
        durationSeconds = Math.Round(r.Load.ActualDuration.TotalSeconds, 3), stoppedEarly = r.Load.StoppedEarly,
        iterations = r.Load.Iterations, iterationErrors = r.Load.IterationErrors, jobs = Jobs(r.Jobs),
        loadGenerator = r.Load.Generator is { } g ? new
        {
            g.Saturated, g.Reasons, summary = g.Describe(), cpuMedianPercent = g.CpuMedian, cpuMaxPercent = g.CpuMax, g.CpuSamples, g.Cores,
            timerLateP95Ms = g.TimerLateP95Ms, timerLateMaxMs = g.TimerLateMaxMs, g.TimerSamples, arrivalLateP95Ms = g.ArrivalLateP95Ms, g.Arrivals, g.DroppedArrivals,
        } : null,
        backlog = r.Backlog, queue = QueueFlow.Of(r) is { } f ? new
        {
            summary = f.Describe(), f.WorkerBehind, arrivalsPerSecond = Math.Round(f.ArrivalsPerSecond, 3), suiteArrivalsPerSecond = Math.Round(f.SuiteArrivalsPerSecond, 3),
            drainedPerSecond = Math.Round(f.DrainedPerSecond, 3), backlogPerSecond = Math.Round(f.BacklogPerSecond, 3), f.DepthAtStart, f.DepthAtEnd, f.Seconds, f.DrainSecondsLeft,
        } : null,
        steps = r.Load.Steps.Select(Step),
        stages = r.Load.StageSteps.Select(s => new { s.Stage.Name, start = s.Stage.Start.TotalSeconds, end = s.Stage.End.TotalSeconds, users = s.Stage.To, steps = s.Steps.Select(Step) }),
        series = r.Load.Series,
        infrastructure = new { samplerBusyShare = Math.Round(r.Infrastructure.SamplerBusyShare, 4), samples = r.Infrastructure.Samples },
    };

    private static object? Jobs(JobOutcomes? j)
    {
        if (j is null) return null;
        var times = j.CompletionSeconds.Order().ToList();
        double? At(double p) => times.Count == 0 ? null : times[Math.Min(times.Count - 1, Math.Max(0, (int)Math.Ceiling(p * times.Count) - 1))];
        return new
        {
            j.Created, j.Completed, j.Failed, j.TimedOut, j.FateUnknown, j.Witnessed, j.FailedReasons, j.Witnesses, j.UnrecognisedStates, j.WindowSeconds,
            completionSeconds = new { count = times.Count, p50 = At(0.5), p95 = At(0.95), max = times.Count == 0 ? (double?)null : times[^1] },
        };
    }

    private static object Step(StepStats s) => new
    {
        s.Step, s.Requests, s.Ok, s.Failed, successRate = Math.Round(s.SuccessRate * 100, 3), latencyMs = s.Latency, correctedLatencyMs = s.CorrectedLatency,
        statusCodes = s.StatusCodes.ToDictionary(k => k.Key.ToString(), v => v.Value), errorClasses = s.ErrorClasses, s.Examples, s.BytesSent, s.BytesReceived,
    };
}
