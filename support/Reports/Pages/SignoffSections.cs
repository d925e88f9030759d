using System.Text;
using MangaMotion.Acceptance.Reports.Charts;
using MangaMotion.Acceptance.Results.RunFile;
using static System.Net.WebUtility;

namespace MangaMotion.Acceptance.Reports.Pages;

/// <summary>The sign-off page's sections about the run as a whole: comparison, trend, diagnosis, readiness, where it ran.</summary>
internal static class SignoffSections
{
    /// <summary>The figures the scenarios compared with the run history: change, interval, test and runs; then the shifts found.</summary>
    public static void HistoryComparison(StringBuilder html, RunResults r)
    {
        if (r.History is null && r.Comparisons.Count == 0) return;
        html.Append("<h2>Compared with the run history</h2>");
        if (r.History is { } h)
            html.Append($"<p>History: {HtmlEncode(h.Store)}{(h.Unavailable is { } why ? $" <b>could not be read</b>: {HtmlEncode(why)}" : $", {h.Runs.Count} earlier complete run(s) of this target and profile")}. " +
                        "A figure has regressed when its whole 95 % interval lies past the tolerated change; past it with the interval reaching back inside is within noise.</p>");
        if (r.Comparisons.Count > 0)
            html.Append(SignoffHtml.Table(["Test", "Figure", "This run", "Baseline", "Change", "95 % interval", "Tolerated", "Verdict", "Rank test", "Runs compared"],
                r.Comparisons.Select(c => new[]
                {
                    c.Test, c.Figure, Format.Number(c.Now, c.ValueUnit ?? ""), Format.Number(c.Before, c.ValueUnit ?? ""),
                    c.Change is { } x ? $"{x:+0.#;-0.#;0} {c.Unit}" : "-", c.Low is { } lo && c.High is { } hi ? $"{lo:+0.#;-0.#;0} to {hi:+0.#;-0.#;0} {c.Unit}" : "-",
                    $"{c.Tolerance:0.##} {c.Unit}", Movement(c), c.Rank?.Describe() ?? "-", c.Runs.Count switch { 0 => c.Evidence, 1 => c.Runs[0], _ => $"{c.Runs.Count}: {c.Runs[0]} … {c.Runs[^1]}" },
                })));
        html.Append(r.ChangePoints.Count == 0 ? "<p>Change points: none; no step's P95 shifted beyond the runs' noise.</p>"
            : "<p><b>Change points</b> (marked on the trend):</p><ul>" + string.Concat(r.ChangePoints.Select(c => $"<li>{HtmlEncode(c.Describe())}</li>")) + "</ul>");
    }

    internal static string Movement(Results.History.FigureComparison c) => c.Movement switch
    {
        Results.History.Movement.Regressed => "REGRESSED",
        Results.History.Movement.WithinNoise => "within noise",
        Results.History.Movement.Improved => "improved",
        Results.History.Movement.NotMeasured => "NOT MEASURED",
        _ => "no detectable change",
    };

    public static void Comparison(StringBuilder html, SignoffModel m)
    {
        html.Append("<h2>Figure by figure against one earlier run</h2>");
        if (m.Comparison is not { } c) { html.Append($"<p>{HtmlEncode(m.NoComparisonBecause ?? "No baseline.")}</p>"); return; }
        html.Append($"<p>Baseline: run <b>{HtmlEncode(c.Baseline)}</b> ({HtmlEncode(c.BaselineProfile ?? "?")} profile, started {HtmlEncode(Format.Time(c.BaselineStartedAt))}). " +
                    $"Flagged: p95 more than {c.Tolerance.P95IncreasePercent:0.#} % above the baseline, success more than {c.Tolerance.SuccessDropPoints:0.#} point(s) below it, " +
                    $"when both figures stand on at least {Figures.Comparison.MinSamples} samples. Only tests both runs ran are compared" +
                    (c.NotInBaseline.Count > 0 ? $"; not in the baseline: {HtmlEncode(string.Join(", ", c.NotInBaseline))}" : "") + ".</p>");
        html.Append("<table><tr><th>Figure</th><th>Baseline</th><th>This run</th><th>Change</th><th></th></tr>");
        foreach (var f in c.Changes)
            html.Append($"<tr{(f.Regressed ? " class=\"regressed\"" : "")}><td>{HtmlEncode(f.Now.Name)}</td><td>{HtmlEncode(Format.Number(f.Before, f.Now.Unit))}</td>" +
                        $"<td>{HtmlEncode(Format.Number(f.Now.Value, f.Now.Unit))}</td><td>{HtmlEncode(f.ChangeText)}</td><td>{(f.Regressed ? "<b>REGRESSION</b>" : "")}</td></tr>");
        html.Append("</table>");
    }

    public static void Trend(StringBuilder html, SignoffModel m)
    {
        var charts = TrendChart.Draw(m.Trend, m.Report.ChangePoints);
        html.Append("<h2>Trend over the last runs</h2>");
        // The same source SignoffWriter drew the trend from: the history store the run read, else this machine's index.
        var source = m.Report.History is { Runs.Count: > 0 } h ? $"the history store {h.Store}" : "reports/history.jsonl";
        if (charts.Count == 0) { html.Append($"<p>Fewer than two runs of the {HtmlEncode(m.Report.Profile ?? "same")} profile in {HtmlEncode(source)} yet.</p>"); return; }
        html.Append($"<p>The last {Math.Min(m.Trend.Count, TrendChart.Runs)} runs of the {HtmlEncode(m.Report.Profile ?? "")} profile, from {HtmlEncode(source)}.</p><div class=\"charts\">");
        foreach (var chart in charts) html.Append("<figure>").Append(chart.Html()).Append("</figure>");
        html.Append("</div>");
    }

    public static void Diagnosis(StringBuilder html, RunResults r)
    {
        html.Append("<h2>Diagnosis</h2>");
        if (r.Diagnoses.Count == 0) html.Append("<p>No bottleneck shows its symptoms.</p>");
        foreach (var d in r.Diagnoses)
        {
            html.Append($"<h3>{HtmlEncode(d.Title)}</h3><p><b>Symptoms</b></p><ul>");
            foreach (var s in d.Symptoms ?? []) html.Append($"<li>{HtmlEncode(s)}</li>");
            html.Append("</ul><p><b>Suggested solutions</b></p><ul>");
            foreach (var s in d.Solutions ?? []) html.Append($"<li>{HtmlEncode(s)}</li>");
            html.Append("</ul>");
        }
        if (r.Timeline.Count > 0)
        {
            html.Append("<h3>Timeline: when things began to go wrong</h3>");
            html.Append(SignoffHtml.Table(["Test", "Seconds into the test", "Time", "What happened"],
                r.Timeline.Select(e => new[] { e.Test, $"{e.AtSeconds:0.0}", Format.Time(e.At), e.Event })));
        }
        html.Append("<h3>Errors and slow responses by class</h3>");
        html.Append(r.Classifications.Count == 0 ? "<p>None.</p>"
            : SignoffHtml.Table(["Class", "Count", "Indicates", "Examples"], r.Classifications.Select(c => new[] { c.Kind, $"{c.Count:#,0}", c.Indicates, string.Join("; ", c.Examples ?? []) })));
    }

    public static void Readiness(StringBuilder html, RunResults r)
    {
        html.Append("<h2>Pre-test checklist and configuration</h2>");
        html.Append(r.Readiness.Count == 0 ? "<p>Readiness was not checked.</p>"
            : SignoffHtml.Table(["Component", "State", "Detail", "Setting to check"], r.Readiness.Select(x => new[] { x.Component, x.State, x.Detail, x.SettingToCheck })));
        if (r.Configuration.Count > 0)
            html.Append(SignoffHtml.Table(["Component", "Setting", "Value", "Guide's advice", "Differs"],
                r.Configuration.Select(x => new[] { x.Component, x.Name, x.Value, x.GuideAdvice, x.DiffersFromGuide ? "yes" : "no" })));
    }

    public static void Environment(StringBuilder html, RunResults r)
    {
        if (r.Cleanup.Count > 0)
            html.Append("<h2>Cleanup</h2><ul>").Append(string.Concat(r.Cleanup.Select(c => $"<li>{System.Net.WebUtility.HtmlEncode(c)}</li>"))).Append("</ul>");
        html.Append("<h2>Settings, suite and machine</h2>");
        html.Append(SignoffHtml.Facts(("Suite version", r.Suite?.Version), ("Machine", r.Suite?.Machine), ("Results schema", r.Schema)));
        if (r.Settings.Any(s => s.Name == "BASE_URL" && s.Value == "(unset)"))
            html.Append("<p>BASE_URL was unset: the run started the embedded reference stack, whose own addresses (under Target above) replace the connection settings below.</p>");
        if (r.Settings.Count > 0)
            html.Append(SignoffHtml.Table(["Setting", "Value (credentials masked)", "From"], r.Settings.Select(s => new[] { s.Name, s.Value, s.FromEnvironment ? "environment" : "default" })));
    }
}
