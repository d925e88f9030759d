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
    /// <summary>2: breaking points became objects (summary, stage, users, fromSeconds) instead of sentences.</summary>
    public const string Schema = "mangamotion-acceptance/results/2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) }, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Input(string Profile, bool CanSignOff, string Target, DateTimeOffset StartedAt, DateTimeOffset EndedAt, bool Interrupted,
        string? StoppedBecause, RunVerdicts Verdicts, IReadOnlyList<RunRecord> Tests, IReadOnlyList<SettingValue> Settings, string SuiteVersion);

    public static string Render(Input run)
    {
        var verdict = run.Verdicts.Overall(run.Interrupted);
        var document = new
        {
            schema = Schema,
            verdict = verdict.Label(),
            signOff = run.CanSignOff ? "eligible: release profile" : $"not eligible: a sign-off is only issued from a release-profile run (this was {run.Profile})",
            profile = run.Profile,
            target = run.Target,
            startedAt = run.StartedAt,
            endedAt = run.EndedAt,
            incomplete = run.Interrupted ? run.StoppedBecause ?? "the run did not finish" : null,
            criteria = run.Verdicts.Criteria.Select(c => new { c.Id, c.Title, verdict = c.Verdict.Label(), c.Observed, c.Threshold, c.Unit, c.Evidence }),
            classifications = Classification.Classify(run.Tests).Select(c => new { c.Kind, c.Count, c.Examples, c.Indicates }),
            diagnoses = Diagnosis.Diagnose(run.Tests).Select(d => new { d.Kind, d.Title, d.Symptoms, d.Solutions }),
            readiness = run.Verdicts.Readiness.Select(r => new { r.Component, state = r.State.ToString(), r.Detail, r.SettingToCheck }),
            configuration = run.Verdicts.Configuration,
            breakingPoints = run.Verdicts.BreakingPoints,
            timeline = Timeline.Of(run.Tests),
            tests = run.Tests.Select(Test),
            settings = run.Settings.Select(s => new { s.Name, value = s.Shown, s.FromEnvironment }),
            suite = new { version = run.SuiteVersion, machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}" },
        };
        return JsonSerializer.Serialize(document, Json);
    }

    /// <summary>The report of a run that never started: settings refused before any load, each named with what it accepts.</summary>
    public static string RenderRefusal(IEnumerable<SettingError> errors, DateTimeOffset at) => JsonSerializer.Serialize(new
    {
        schema = Schema,
        verdict = Verdict.Incomplete.Label(),
        incomplete = "nothing was run: settings refused before any load",
        refusedSettings = errors.Select(e => new { setting = e.Name, value = e.Shown, e.Problem, e.Accepted }),
        startedAt = at,
        criteria = Array.Empty<object>(),
        classifications = Array.Empty<object>(),
        diagnoses = Array.Empty<object>(),
    }, Json);

    private static object Test(RunRecord r) => new
    {
        id = r.TestId, r.Title, applied = r.Applied, releaseWouldApply = r.ReleaseWouldApply, model = r.Load.Plan,
        durationSeconds = Math.Round(r.Load.ActualDuration.TotalSeconds, 3), stoppedEarly = r.Load.StoppedEarly,
        iterations = r.Load.Iterations, iterationErrors = r.Load.IterationErrors, jobs = r.Jobs,
        steps = r.Load.Steps.Select(Step),
        stages = r.Load.StageSteps.Select(s => new { s.Stage.Name, start = s.Stage.Start.TotalSeconds, end = s.Stage.End.TotalSeconds, users = s.Stage.To, steps = s.Steps.Select(Step) }),
        series = r.Load.Series,
        infrastructure = new { samplerBusyShare = Math.Round(r.Infrastructure.SamplerBusyShare, 4), samples = r.Infrastructure.Samples },
    };

    private static object Step(StepStats s) => new
    {
        s.Step, s.Requests, s.Ok, s.Failed, successRate = Math.Round(s.SuccessRate * 100, 3), latencyMs = s.Latency, correctedLatencyMs = s.CorrectedLatency,
        statusCodes = s.StatusCodes.ToDictionary(k => k.Key.ToString(), v => v.Value), errorClasses = s.ErrorClasses, s.Examples, s.BytesSent, s.BytesReceived,
    };
}
