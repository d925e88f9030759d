using System.Globalization;
using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Load.Thresholds;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// A limit a scenario holds a test to while it runs, in the criteria tables' own grammar: a row
/// "P95 response time | below 5 s in every 10s window" is judged on every window of the test (the
/// worst decides, the first failing window is named); a row "abort when success rate | below 20 % for
/// 10s" stops the test early, to protect the deployment, once a window of that length shows it.
/// The load engine evaluates both each second (<see cref="Engine"/>); the result is judged here.
/// </summary>
/// <param name="Threshold">the threshold as the scenario wrote it</param>
/// <param name="Window">the window the limit is judged on</param>
public sealed record HeldLimit(string Id, string Title, string Threshold, TimeSpan Window, Criterion Criterion, Threshold Engine, bool Aborts);

public static partial class HeldLimits
{
    [GeneratedRegex(@"^(?<limit>.+?)\s+in every\s+(?<window>\S+)\s+window$")]
    private static partial Regex EveryWindow();

    [GeneratedRegex(@"^(?<limit>.+?)\s+for\s+(?<window>\S+)$")]
    private static partial Regex For();

    public const string Accepted = "'<limit> in every <duration> window' (e.g. 'below 5 s in every 30s window'), or on a row named 'abort when <criterion>', '<limit> for <duration>' (e.g. 'below 20 % for 30s')";

    /// <exception cref="FormatException">naming the row and what is accepted</exception>
    public static HeldLimit Parse(string test, string name, string threshold)
    {
        var aborts = name.StartsWith("abort when ", StringComparison.Ordinal);
        var criterionName = aborts ? name["abort when ".Length..] : name;
        var match = (aborts ? For() : EveryWindow()).Match(threshold.Trim());
        if (!match.Success || !DurationText.TryParse(match.Groups["window"].Value, out var window) || window < TimeSpan.FromSeconds(1))
            throw new FormatException($"'{name} | {threshold}' is not a limit held while the test runs; write {Accepted}, the window {DurationText.Accepted} of at least 1s");
        var (step, metric) = CriteriaBook.Windowed(test, criterionName);
        var entry = CriteriaBook.Find(test, criterionName);
        var criterion = Criterion.Parse(entry.Id, $"{name} {threshold}", match.Groups["limit"].Value);
        // The engine works in milliseconds and ratios; the criterion in seconds and percent.
        var limit = criterion.Limit * criterion.Scale * (metric == "rate" ? 0.01 : 1000);
        var holds = criterion.Comparison switch { "below" => "<", "above" => ">", "at most" => "<=", _ => ">=" };
        // An abort row names the condition that stops the test: the engine's threshold is what must hold to go on.
        var goesOn = aborts ? holds switch { "<" => ">=", ">" => "<=", "<=" => ">", _ => "<" } : holds;
        var text = $"{name} {threshold}";
        var engine = new Threshold(step, metric, goesOn, limit, new ThresholdWindow.Sliding(window), aborts, window, text);
        var id = $"{entry.Id}.{(aborts ? "abort" : "every_" + DurationText.Format(window))}";
        return new HeldLimit(id, text, threshold.Trim(), window, criterion with { Id = id }, engine, aborts);
    }

    /// <summary>Each limit's verdict from what the engine saw while the test ran; an abort says when it stopped the test.</summary>
    public static IReadOnlyList<CriterionResult> Judge(GuideTestRecord r, IReadOnlyList<HeldLimit> limits) => limits.Select(l =>
    {
        var title = $"{r.Title}: {l.Title}";
        var threshold = l.Aborts ? $"not {l.Criterion.Threshold} for {DurationText.Format(l.Window)}" : l.Threshold;
        var seen = r.Load.Thresholds.FirstOrDefault(t => t.Threshold == l.Engine.ToString());
        if (seen is null || seen.Note is not null)
            // A window longer than the test: a quality limit is not measured; a protective rule simply never had to act.
            return new CriterionResult(l.Id, title, l.Aborts && seen is not null ? Verdict.NotApplicable : Verdict.NotMeasured, null, threshold, l.Criterion.Unit,
                seen?.Note is { } note ? $"{note}: the test ({r.Load.ActualDuration.TotalSeconds:0} s) had no full window" : "the load engine was not given this limit");
        var observed = Math.Round(seen.Observed * (seen.Metric == "rate" ? 100 : 0.001) / l.Criterion.Scale, 4);
        var aborted = l.Aborts && r.Load.StoppedEarly is { } why && why.Contains(l.Engine.ToString(), StringComparison.Ordinal);
        var evidence = l.Aborts
            ? aborted ? $"the test was stopped early at {r.Load.ActualDuration.TotalSeconds:0} s to protect the deployment: {r.Load.StoppedEarly}"
                      : $"never met in any window; worst window {Observed(observed, l.Criterion.Unit)}"
            : seen.Passed ? $"held in every window; worst window {Observed(observed, l.Criterion.Unit)}"
                          : $"{seen.Where}: {Observed(observed, l.Criterion.Unit)} (worst window)";
        var verdict = l.Aborts ? aborted ? Verdict.Fail : Verdict.Pass : seen.Passed ? Verdict.Pass : Verdict.Fail;
        return new CriterionResult(l.Id, title, verdict, observed, threshold, l.Criterion.Unit, evidence);
    }).ToList();

    private static string Observed(double value, string unit) => $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}";
}
