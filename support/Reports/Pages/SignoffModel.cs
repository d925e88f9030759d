using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Reports.Figures;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports.Pages;

/// <summary>
/// What both sign-off pages show: the run as results.json has it, its comparison with a baseline
/// (or why there is none) and the history of the same profile for the trend.
/// </summary>
public sealed record SignoffModel(string Run, RunResults Report, Comparison? Comparison, string? NoComparisonBecause, IReadOnlyList<HistoryEntry> Trend)
{
    public bool IsIncomplete => Report.Incomplete is not null || Report.Verdict == "INCOMPLETE";

    public string Headline => IsIncomplete
        ? $"INCOMPLETE: {Report.Incomplete ?? "nothing was judged"}"
        : $"{Report.Verdict}: {CriteriaCount("PASS")} passed, {CriteriaCount("WARN")} warned, {CriteriaCount("FAIL")} failed" +
          (CriteriaCount("NOT_MEASURED") > 0 ? $", {CriteriaCount("NOT_MEASURED")} not measured" : "") +
          (CriteriaCount("NOT_APPLICABLE") > 0 ? $", {CriteriaCount("NOT_APPLICABLE")} not applicable" : "") + $" of {Report.Criteria.Count} criteria" +
          (Report.Partial is { } partial ? $" (partial run: {partial})" : "");

    public string? RegressionLine => Comparison is { Regressions.Count: > 0 } c
        ? $"{c.Regressions.Count} regression(s) against {c.Baseline}: {string.Join("; ", c.Regressions.Select(r => $"{r.Now.Name} {Format.Number(r.Before)} -> {Format.Number(r.Now.Value)} {r.Now.Unit} ({r.ChangeText})"))}"
        : null;

    /// <summary>
    /// Said next to the verdict: the tests during which the generator was saturated, whose latencies include its
    /// delay, and those during which the machine it ran on was crowded, whose tail latencies may include waits for a core.
    /// </summary>
    public string? GeneratorLine
    {
        get
        {
            var saturated = Report.Tests.Where(t => t.LoadGenerator is { Saturated: true }).Select(t => t.Id).ToList();
            var crowded = Report.Tests.Where(t => t.LoadGenerator is { Saturated: false, Crowded: true }).Select(t => t.Id).ToList();
            var lines = new List<string>();
            if (saturated.Count > 0) lines.Add($"Load generator saturated during {string.Join(", ", saturated)}: the latencies measured there include the generator's own delay (see each test)");
            if (crowded.Count > 0) lines.Add($"The load generator's machine was crowded during {string.Join(", ", crowded)} (other processes kept its CPU above {MachineCpu.CrowdedPercent:0} %): tail latencies there may include waits for a core (see each test)");
            return lines.Count == 0 ? null : string.Join(". ", lines);
        }
    }

    /// <summary>A test's load generator in one line: saturated or not, why, and its figures.</summary>
    public static string? Generator(LoadGeneratorRow? g) => g is null ? null
        : g.Saturated ? $"SATURATED: {string.Join("; ", g.Reasons ?? [])} ({g.Summary}); latencies include its own delay"
        : $"not saturated ({g.Summary})";

    /// <summary>The agents that applied a test together, each one's share and figures; a saturated or missing one says so.</summary>
    public static string? Agents(List<AgentRow>? agents) => agents is not { Count: > 0 } ? null
        : $"{agents.Count} agents: " + string.Join("; ", agents.Select(a => a.Describe()));

    public TimeSpan? Duration => Report is { StartedAt: { } s, EndedAt: { } e } ? e - s : null;

    /// <summary>Failures first, then warnings, then the rest (a release owner reads what blocks the release first); within a verdict, the guide's order results.json keeps.</summary>
    public static IEnumerable<CriterionRow> WorstFirst(IEnumerable<CriterionRow> criteria) =>
        criteria.OrderBy(c => c.Verdict switch { "FAIL" => 0, "INCOMPLETE" => 1, "NOT_MEASURED" => 2, "WARN" => 3, "NOT_APPLICABLE" => 5, _ => 4 });

    /// <summary>The observed value with its unit; a percentile from few samples says so.</summary>
    public static string Observed(CriterionRow c) =>
        (c.AtLeast ? "at least " : "") + Format.Number(c.Observed, c.Unit ?? "") + (c.LowConfidence ? $" (low confidence: {c.Samples} samples)" : "");

    /// <summary>
    /// A test's jobs in one line: fates, the unknown ones apart, and which witness settled the not_found ones;
    /// a test that created jobs without following them says so rather than counting zero fates.
    /// </summary>
    public static string? Jobs(JobsRow? j) => j is null ? null
        : j.Completed + j.Failed + j.TimedOut + j.Unknown == 0 ? $"{j.Created:#,0} created; jobs not followed in this test (the worker processing test follows its jobs to their end)"
        : $"{j.Created:#,0} created: {j.Completed:#,0} completed, {j.Failed:#,0} failed, {j.TimedOut:#,0} timed out, {j.Unknown:#,0} fate unknown" +
          (j.Witnessed > 0 ? $" ({j.Witnessed:#,0} turned not_found, settled by {string.Join(", ", j.Witnesses)})" : "") +
          (j.CompletionSeconds is { Count: > 0 } c ? $"; completion p50 {Format.Number(c.P50, "s")}, p95 {Format.Number(c.P95, "s")} over {c.Count:#,0} completed" : "");

    /// <summary>The capacity model's fit and the worker's drain in one line, or why there is no fit.</summary>
    public static string CapacityFit(CapacityFindings c)
    {
        static string P(Predicted? p, string format) => p?.Value is { } v ? $"{v.ToString(format)} ({p.Low?.ToString(format) ?? "?"} to {p.High?.ToString(format) ?? "unbounded"})" : "-";
        var fit = c.Unfitted is { } why ? $"not fitted: {why}"
            : $"{Law(c)} over {c.Stages.Count} steady stages against uploads in service (Little's law), think time {c.ThinkSeconds:0.#} s: " +
              (c.Law == CapacityFindings.PoolLaw ? $"{P(c.Servers, "0")} servers of {P(c.ServiceMs, "0.#")} ms each"
                  : $"λ {P(c.Lambda, "0.###")} uploads/s, σ {P(c.Sigma, "0.####")}, κ {P(c.Kappa, "0.#####")}") + $"; predictions up to {c.Reach:0} users";
        var worker = c.WorkerDrainPerSecond is { } d ? $"; the worker drains {(c.WorkerDrainAtLeast ? "at least " : "")}{d:0.#} jobs/s" : "";
        return fit + worker;
    }

    /// <summary>The law that read the ramp, named for a reader.</summary>
    private static string Law(CapacityFindings c) => c.Law == CapacityFindings.PoolLaw
        ? "A pool of servers (the machine-repairman queue), chosen over the Universal Scalability Law by fit,"
        : "Universal Scalability Law" + (c.Law is null ? "" : ", chosen over a pool of servers by fit,");

    private int CriteriaCount(string verdict) => Report.Criteria.Count(c => c.Verdict == verdict);
}

/// <summary>Numbers as both pages print them.</summary>
public static class Format
{
    public static string Number(double? value, string unit = "") => value is not { } v || !double.IsFinite(v) ? "-"
        : (Math.Abs(v) >= 100 || v == Math.Round(v) ? v.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)) + (unit.Length > 0 ? " " + unit : "");

    public static string Counts(Dictionary<string, long>? counts) =>
        counts is null || counts.Count == 0 ? "-" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value:#,0}"));

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
