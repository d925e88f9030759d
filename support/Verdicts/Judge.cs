using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Everything judged about a run at one checkpoint: the run's verdict and sign-off eligibility, the
/// criteria the scenarios judged, the error classes, the bottleneck diagnosis, each ramp's breaking
/// point and the timeline. Computed once, before any report is written; writers only render it.
/// </summary>
public sealed record Judgement(
    Verdict Verdict, SignOffEligibility Eligibility, string? Partial, IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<ErrorClassification> Classifications, IReadOnlyList<BottleneckDiagnosis> Diagnoses,
    IReadOnlyDictionary<string, BreakingPoint> BreakingPoints, IReadOnlyList<TimelineEvent> Timeline);

/// <summary>The one place a run is judged: a pure function of its records and what its scenarios stated.</summary>
public static class Judge
{
    public static Judgement Run(string profile, bool interrupted, RunVerdicts stated, IReadOnlyList<RunRecord> tests)
    {
        var criteria = stated.Criteria;
        return new Judgement(
            stated.Overall(interrupted),
            SignOffEligibility.Judge(profile, interrupted, tests, criteria, GuideTest.All),
            Partial(tests.Select(t => t.TestId)),
            criteria,
            Classification.Classify(tests),
            Diagnosis.Diagnose(tests),
            // From the records and the limits the scenarios stated: a failed step before the breaking-point step cannot lose it.
            tests.Where(t => t.Load.StageSteps.Count > 1).ToDictionary(t => t.TestId, stated.BreakingPointOf),
            Timeline.Of(tests));
    }

    /// <summary>Why the run is partial (not every guide test ran), or null.</summary>
    public static string? Partial(IEnumerable<string> ran)
    {
        var missing = GuideTest.All.Except(ran).ToList();
        return missing.Count == 0 ? null
            : $"only {string.Join(", ", GuideTest.All.Except(missing))} of the guide's tests ran (not {string.Join(", ", missing)}): a partial run is never the default baseline";
    }
}
