namespace MangaMotion.Acceptance.Results.History;

// What the judge finds across runs, as results.json holds it: produced by Verdicts, rendered by Reports.

/// <summary>How a figure moved against its baseline window.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Movement>))]
public enum Movement { NoDetectableChange, Regressed, WithinNoise, Improved, NotMeasured }

/// <summary>The rank test of two latency distributions: Mann-Whitney U with its tie correction, and Cliff's delta.</summary>
/// <param name="U">pairs (now, before) where now is slower, ties counting half</param>
/// <param name="PValue">two-sided, normal approximation with continuity and tie correction (SciPy's asymptotic method)</param>
/// <param name="CliffsDelta">P(now slower) − P(now faster), −1 to 1: 0.11 small, 0.28 medium, 0.43 large (Romano et al.)</param>
public sealed record RankComparison(double U, double Z, double PValue, double CliffsDelta, long NowCount, long BeforeCount)
{
    public string Magnitude => Math.Abs(CliffsDelta) switch { < 0.11 => "negligible", < 0.28 => "small", < 0.43 => "medium", _ => "large" };

    public string Describe() => $"Mann-Whitney U p {(PValue < 0.001 ? "< 0.001" : "= " + PValue.ToString("0.000"))}, Cliff's delta {CliffsDelta:+0.00;-0.00;0.00} ({Magnitude}), {NowCount:#,0} against {BeforeCount:#,0} requests";
}

/// <summary>
/// One figure of one test against its baseline window: the change (percent, or points for a success
/// rate) with its 95 % interval, the tolerance, the rank test where the figure is a latency, and the runs.
/// </summary>
/// <param name="Figure">as the scenario names it: "upload P95", "upload success rate", "job completion P95"</param>
/// <param name="Unit">"%" (relative change) or "pt" (percentage points)</param>
public sealed record FigureComparison(string Test, string Figure, double Tolerance, string Unit, Movement Movement,
    double? Now, double? Before, double? Change, double? Low, double? High, RankComparison? Rank, IReadOnlyList<string> Runs, string Evidence)
{
    /// <summary>The figure's own unit (ms, s or %), for the value columns.</summary>
    public string? ValueUnit { get; init; }
}

/// <summary>Where a figure's level shifted over the history, named by the run it shifted at.</summary>
/// <param name="Provisional">the shift is at the newest run only: confirmed once later runs stay at the new level</param>
public sealed record ChangePoint(string Test, string Figure, string Run, DateTimeOffset? At, string? TargetVersion, double Before, double After, string Unit, bool Provisional)
{
    public string Describe() =>
        $"{Test} {Figure} moved from {Before:0.#} {Unit} to {After:0.#} {Unit} at run {Run}{(TargetVersion is { } v ? $" (target {v})" : "")}{(At is { } at ? $" on {at:yyyy-MM-dd}" : "")}"
        + (Provisional ? ": so far one run at the new level" : "");
}

/// <summary>One run of the trend the sign-off and history page draw: its figures and verdict.</summary>
public sealed record TrendRun(string Run, DateTimeOffset? StartedAt, string? TargetVersion, string Verdict, Dictionary<string, double> Figures);

/// <summary>
/// The history as the run saw it: where it is kept, what could not be read, and the earlier runs of
/// the same target and profile (oldest first). Unavailable is set when the store could not be read:
/// then nothing is compared, and the criterion says why.
/// </summary>
public sealed record PastRuns(string Store, IReadOnlyList<HistoryRecord> Runs, string? Unavailable = null)
{
    /// <summary>Objects of the store that are not readable history records (damaged, foreign), each with why.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>BASELINE_WINDOW: overrides the number of runs a scenario states.</summary>
    public int? Window { get; init; }

    /// <summary>BASELINE_RUN naming one earlier run: the window is that run alone.</summary>
    public string? Named { get; init; }

    /// <summary>The run being judged (never its own baseline).</summary>
    public string? ThisRun { get; init; }

    public static PastRuns None(string why) => new("no history", [], why);
}
