namespace MangaMotion.Acceptance.Verdicts;

/// <summary>PASS, WARN (within the criterion but in the guide's warning tier), FAIL, or INCOMPLETE (not enough evidence).</summary>
public enum Verdict { Pass, Warn, Fail, Incomplete }

public static class Verdicts
{
    /// <summary>The worst verdict decides: FAIL over INCOMPLETE over WARN over PASS.</summary>
    public static Verdict Worst(IEnumerable<Verdict> verdicts) =>
        verdicts.DefaultIfEmpty(Verdict.Incomplete).OrderByDescending(Rank).First();

    private static int Rank(Verdict v) => v switch { Verdict.Fail => 3, Verdict.Incomplete => 2, Verdict.Warn => 1, _ => 0 };

    public static string Label(this Verdict v) => v.ToString().ToUpperInvariant();
}

/// <summary>
/// One acceptance criterion judged: stable id, the title as the feature states it, verdict, the observed
/// value against the threshold (with unit), and the evidence a release owner can check.
/// </summary>
public sealed record CriterionResult(string Id, string Title, Verdict Verdict, double? Observed, string Threshold, string Unit, string Evidence);
