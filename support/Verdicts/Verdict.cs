namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// PASS, WARN (within the criterion but in the guide's warning tier), FAIL, NOT_MEASURED (no trustworthy
/// figure: the evidence says why and which setting would give one), or INCOMPLETE (the run was cut short
/// or nothing was observed), or NOT_APPLICABLE (the deployment did not use the component during the test:
/// the evidence says how that was seen).
/// </summary>
public enum Verdict { Pass, Warn, Fail, Incomplete, NotMeasured, NotApplicable }

public static class Verdicts
{
    /// <summary>The worst verdict decides: FAIL over INCOMPLETE over NOT_MEASURED over WARN over PASS over NOT_APPLICABLE.</summary>
    public static Verdict Worst(IEnumerable<Verdict> verdicts) =>
        verdicts.DefaultIfEmpty(Verdict.Incomplete).OrderByDescending(Rank).First();

    /// <summary>
    /// The run's verdict from its criteria: FAIL if any failed; INCOMPLETE if any could not be judged;
    /// WARN if any warned or was NOT_MEASURED (an unmeasured criterion never lets a run pass); PASS
    /// only when every criterion passed or did not apply (NOT_APPLICABLE, with its reason).
    /// </summary>
    public static Verdict OfRun(IReadOnlyCollection<Verdict> criteria) =>
        criteria.Count == 0 ? Verdict.Incomplete
        : criteria.Contains(Verdict.Fail) ? Verdict.Fail
        : criteria.Contains(Verdict.Incomplete) ? Verdict.Incomplete
        : criteria.Contains(Verdict.Warn) || criteria.Contains(Verdict.NotMeasured) ? Verdict.Warn
        : Verdict.Pass;

    private static int Rank(Verdict v) => v switch { Verdict.Fail => 4, Verdict.Incomplete => 3, Verdict.NotMeasured => 2, Verdict.Warn => 1, Verdict.NotApplicable => -1, _ => 0 };

    public static string Label(this Verdict v) => v switch
    {
        Verdict.NotMeasured => "NOT_MEASURED",
        Verdict.NotApplicable => "NOT_APPLICABLE",
        _ => v.ToString().ToUpperInvariant(),
    };
}

/// <summary>
/// One acceptance criterion judged: stable id, the title as the feature states it, verdict, the observed
/// value against the threshold (with unit), and the evidence a release owner can check. A percentile
/// from fewer than <see cref="Criterion.ConfidentSamples"/> samples carries its count and is low-confidence.
/// </summary>
public sealed record CriterionResult(string Id, string Title, Verdict Verdict, double? Observed, string Threshold, string Unit, string Evidence)
{
    public long? Samples { get; init; }
    public bool LowConfidence { get; init; }
    /// <summary>The observed value is a lower bound (a censored percentile): the true value is at least this.</summary>
    public bool AtLeast { get; init; }
    /// <summary>How it was measured (queries, sources), apart from the evidence a stakeholder reads.</summary>
    public string? Detail { get; init; }
}
