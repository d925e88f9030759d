using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Results.RunFile;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Reports;

/// <summary>
/// results.json: the run as judged at a checkpoint (<see cref="Judge.Run"/>), put into the typed
/// <see cref="RunResults"/> and serialised by <see cref="RunResultsJson"/>, masked by the one
/// <see cref="Redaction"/> rule. Nothing is judged here; the sign-off pages read the same records back.
/// </summary>
public static class ResultsDocument
{
    public const string Schema = RunResults.CurrentSchema;

    public sealed record Input(string Profile, bool CanSignOff, string Target, DateTimeOffset StartedAt, DateTimeOffset EndedAt, bool Interrupted,
        string? StoppedBecause, IReadOnlyList<Statement> Statements, IReadOnlyList<GuideTestRecord> Tests, IReadOnlyList<SettingValue> Settings, string SuiteVersion)
    {
        /// <summary>The pre-test checklist and the configuration facts, where the run checked them.</summary>
        public IReadOnlyList<ReadinessLine> Readiness { get; init; } = [];
        public IReadOnlyList<ConfigurationFact> Configuration { get; init; } = [];
        /// <summary>What cleanup removed and could not remove, per component (empty before it ran).</summary>
        public IReadOnlyList<string> Cleanup { get; init; } = [];
        /// <summary>What was done to the deployment before the first test (the guide's Redis flush), if anything was asked.</summary>
        public string? Preparation { get; init; }
        /// <summary>The earlier runs of this target and profile, once read (null before, or when nothing compares with them).</summary>
        public PastRuns? History { get; init; }
    }

    /// <summary>The earlier runs results.json carries for the trend (the store has them all).</summary>
    public const int TrendRuns = 30;

    public static string Render(Input run) => Redaction.Mask(RunResultsJson.Write(Results(run)));

    /// <summary>The run's typed result at this checkpoint.</summary>
    public static RunResults Results(Input run)
    {
        var judged = Judge.Run(run.Profile, run.Interrupted, run.Statements, run.Tests, run.History);
        return new RunResults
        {
            Schema = Schema,
            Verdict = judged.Verdict.Label(),
            SignOff = judged.Eligibility.Describe(),
            SignOffReasons = [.. judged.Eligibility.Reasons],
            Profile = run.Profile,
            Target = run.Target,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Incomplete = run.Interrupted ? run.StoppedBecause ?? "the run did not finish" : null,
            Partial = judged.Partial,
            Criteria = [.. judged.Criteria.Select(c => new CriterionRow(c.Id, c.Title, c.Verdict.Label(), c.Observed, c.Threshold, c.Unit, c.Evidence)
                { Samples = c.Samples, LowConfidence = c.LowConfidence, AtLeast = c.AtLeast, Detail = c.Detail })],
            Classifications = [.. judged.Classifications],
            Diagnoses = [.. judged.Diagnoses],
            Readiness = [.. run.Readiness.Select(r => new ReadinessRow(r.Component, r.State.ToString(), r.Detail, r.SettingToCheck))],
            Configuration = [.. run.Configuration],
            BreakingPoints = judged.BreakingPoints.ToDictionary(),
            Preparation = run.Preparation,
            Cleanup = [.. run.Cleanup],
            Timeline = [.. judged.Timeline],
            Tests = [.. run.Tests.OrderBy(t => GuideTest.All.ToList().IndexOf(t.TestId)).Select(TestResults.Of)],
            Settings = [.. run.Settings.Select(s => new SettingRow(s.Name, s.Shown, s.FromEnvironment))],
            Comparisons = [.. judged.Comparisons],
            ChangePoints = [.. judged.ChangePoints],
            Capacity = [.. judged.Capacity],
            History = run.History is { } h ? new HistoryRow(h.Store, h.Unavailable, [.. h.Skipped],
                [.. h.Runs.Where(r => !r.Incomplete).TakeLast(TrendRuns).Select(r => new TrendRun(r.Run, r.StartedAt, r.TargetVersion, r.Verdict, r.Figures))]) : null,
            Suite = new SuiteRow(run.SuiteVersion, $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"),
        };
    }

    /// <summary>The report of a run that never started: settings refused before any load, each named with what it accepts.</summary>
    public static string RenderRefusal(IEnumerable<SettingError> errors, DateTimeOffset at) => Redaction.Mask(RunResultsJson.Write(new RunResults
    {
        Schema = Schema,
        Verdict = Verdict.Incomplete.Label(),
        Incomplete = "nothing was run: settings refused before any load",
        RefusedSettings = [.. errors.Select(e => new RefusedSettingRow(e.Name, e.Shown, e.Problem, e.Accepted))],
        StartedAt = at,
    }));
}
