using MangaMotion.Acceptance.Results;
using System.Text;
using MangaMotion.Acceptance.Reports.Charts;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Results.RunFile;
using static System.Net.WebUtility;

namespace MangaMotion.Acceptance.Reports.Pages;

/// <summary>
/// signoff.html: one self-contained page for a release owner (styles inline, charts as inline SVG, no
/// script, no network). The verdict comes first, then the criteria, the comparison, the diagnosis,
/// each test's figures and charts, and what was run where.
/// </summary>
public static class SignoffHtml
{
    public static string Render(SignoffModel m)
    {
        var r = m.Report;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MangaMotion release sign-off: {HtmlEncode(r.Verdict)}</title><style>{Style}</style></head><body>");
        html.Append($"<header class=\"verdict {Css(m.IsIncomplete ? "INCOMPLETE" : r.Verdict)}\" id=\"verdict\"><div class=\"big\">{HtmlEncode(m.IsIncomplete ? "INCOMPLETE" : r.Verdict)}</div>");
        html.Append($"<div>{HtmlEncode(m.Headline)}</div><div class=\"small\">{HtmlEncode(r.SignOff ?? "")}</div>");
        if (m.RegressionLine is { } regressions) html.Append($"<div class=\"flag\">{HtmlEncode(regressions)}</div>");
        if (m.GeneratorLine is { } generator) html.Append($"<div class=\"flag\" id=\"generator\">{HtmlEncode(generator)}</div>");
        html.Append("</header><main>");
        html.Append(Facts(("Run", m.Run), ("Profile", r.Profile), ("Target", r.Target), ("Started", Format.Time(r.StartedAt)), ("Ended", Format.Time(r.EndedAt)),
            ("Took", m.Duration is { } d ? $"{d.TotalMinutes:0.0} min" : null)));
        Refused(html, r);
        Criteria(html, r);
        SignoffSections.HistoryComparison(html, r);
        SignoffSections.Comparison(html, m);
        SignoffSections.Diagnosis(html, r);
        foreach (var test in r.Tests) Test(html, test, r.BreakingPoints.GetValueOrDefault(test.Id), r.Capacity.FirstOrDefault(c => c.Test == test.Id));
        SignoffSections.Trend(html, m);
        SignoffSections.Readiness(html, r);
        SignoffSections.Environment(html, r);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void Refused(StringBuilder html, RunResults r)
    {
        if (r.RefusedSettings.Count == 0) return;
        html.Append("<h2>Settings refused: nothing was run</h2>");
        html.Append(Table(["Setting", "Value", "Problem", "Accepted"], r.RefusedSettings.Select(s => new[] { s.Setting, s.Value, s.Problem, s.Accepted })));
    }

    private static void Criteria(StringBuilder html, RunResults r)
    {
        html.Append("<h2>Acceptance criteria</h2>");
        if (r.Criteria.Count == 0) { html.Append("<p>No criterion was judged.</p>"); return; }
        html.Append("<table><tr><th>Criterion</th><th>Verdict</th><th>Observed</th><th>Threshold</th><th>Evidence</th></tr>");
        foreach (var c in SignoffModel.WorstFirst(r.Criteria))
            html.Append($"<tr><td><b>{HtmlEncode(c.Title)}</b><br><span class=\"small\">{HtmlEncode(c.Id)}</span></td><td class=\"{Css(c.Verdict)}\">{HtmlEncode(c.Verdict)}</td>" +
                        $"<td>{HtmlEncode(SignoffModel.Observed(c))}</td><td>{HtmlEncode(c.Threshold ?? "")}</td><td>{HtmlEncode(c.Evidence ?? "")}{Detail(c.Detail)}</td></tr>");
        html.Append("</table>");
    }

    /// <summary>Technical detail (queries, sources) folded away after the evidence a stakeholder reads.</summary>
    private static string Detail(string? detail) => detail is null ? ""
        : $"<details class=\"small\"><summary>how it was measured</summary>{HtmlEncode(detail)}</details>";

    private static void Test(StringBuilder html, GuideTestResults t, BreakingPoint? breakingPoint, CapacityFindings? capacity)
    {
        html.Append($"<section class=\"test\"><h2>{HtmlEncode(t.Title)}</h2>");
        html.Append(Facts(("Load applied", t.Applied), ("Ran for", $"{t.DurationSeconds:0.#} s{(t.StoppedEarly is { } why ? $" (stopped early: {why})" : "")}"),
            ("Iterations", t.Iterations is { } i ? $"{i.Started:#,0} started{(i.Planned > 0 ? $" of {i.Planned:#,0} planned" : "")}: {i.Completed:#,0} completed, {i.Failed:#,0} failed, {i.Interrupted:#,0} interrupted" : null),
            ("Dropped arrivals", $"{t.Dropped:#,0}"),
            ("Load generator", SignoffModel.Generator(t.LoadGenerator)),
            ("Load agents", SignoffModel.Agents(t.Agents)),
            ("Iteration errors", t.IterationErrors.Count == 0 ? null : string.Join("; ", t.IterationErrors.Take(5))),
            ("Jobs", SignoffModel.Jobs(t.Jobs)),
            ("Queue", t.Queue?.Summary),
            ("Started behind", t.Backlog is { Behind: >= 1 } b ? $"{b.Behind:#,0} jobs queued by earlier tests (waited {b.WaitedSeconds:0} s for them to drain)" : null),
            ("Breaking point", breakingPoint?.Summary),
            ("Capacity", capacity?.Summary),
            ("Capacity model", capacity is null ? null : SignoffModel.CapacityFit(capacity)),
            ("Worker's queue at the expected load", capacity?.QueueAtExpected?.Words)));
        var withCorrected = t.Steps.Any(s => s.CorrectedLatencyMs is { Count: > 0 });
        string[] head = ["Step", "Requests", "Success", "p50", "p95", "p99", "max", .. withCorrected ? new[] { "p95 / p99 from intended start" } : [], "Status codes", "Error classes", "Bytes sent / received"];
        html.Append(Table(head, t.Steps.Select(s => StepRow(s, withCorrected))));
        var charts = TestCharts.Draw(t, breakingPoint, capacity);
        html.Append("<div class=\"charts\">");
        foreach (var chart in charts) html.Append("<figure>").Append(chart.Html()).Append("</figure>");
        html.Append("</div>");
        if (t.Infrastructure is { } infra) html.Append($"<p class=\"small\">The infrastructure sampler spent {infra.SamplerBusyShare * 100:0.0} % of the test inside probes, waiting on the servers included (an upper bound on its CPU; measured CPU in BENCHMARKS.md).</p>");
        html.Append("</section>");
    }

    private static List<string?> StepRow(StepRow s, bool withCorrected)
    {
        var row = new List<string?> { s.Step, $"{s.Requests:#,0}", $"{s.SuccessRate:0.##} %", Format.Number(s.LatencyMs?.P50, "ms"), Format.Number(s.LatencyMs?.P95, "ms"),
            Format.Number(s.LatencyMs?.P99, "ms"), Format.Number(s.LatencyMs?.Max, "ms") };
        if (withCorrected) row.Add(s.CorrectedLatencyMs is { Count: > 0 } c ? $"{Format.Number(c.P95)} / {Format.Number(c.P99)} ms" : "-");
        row.AddRange([Format.Counts(s.StatusCodes), Format.Counts(s.ErrorClasses), $"{s.BytesSent:#,0} / {s.BytesReceived:#,0}"]);
        return row;
    }

    internal static string Facts(params (string Name, string? Value)[] facts) =>
        "<dl class=\"facts\">" + string.Concat(facts.Where(f => f.Value is not null).Select(f => $"<dt>{HtmlEncode(f.Name)}</dt><dd>{HtmlEncode(f.Value)}</dd>")) + "</dl>";

    internal static string Table(IReadOnlyList<string> head, IEnumerable<IReadOnlyList<string?>> rows) =>
        "<table><tr>" + string.Concat(head.Select(h => $"<th>{HtmlEncode(h)}</th>")) + "</tr>" +
        string.Concat(rows.Select(row => "<tr>" + string.Concat(row.Select(c => $"<td>{HtmlEncode(c ?? "")}</td>")) + "</tr>")) + "</table>";

    internal static string Css(string verdict) => verdict.ToUpperInvariant() switch { "PASS" => "pass", "WARN" => "warn", "FAIL" => "fail", "NOT_MEASURED" => "unmeasured", "NOT_APPLICABLE" => "notapplicable", _ => "incomplete" };

    internal const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        main{padding:0 28px 40px;max-width:1600px}
        header.verdict{padding:22px 28px;color:#fff}
        header .big{font-size:44px;font-weight:700;letter-spacing:1px}
        header.pass{background:#1e7d32}header.warn{background:#b26a00}header.fail{background:#b3261e}header.incomplete{background:#555}header.unmeasured{background:#4a5a78}
        .flag{margin-top:8px;padding:6px 10px;background:rgba(0,0,0,.25);display:inline-block}
        .small{font-size:12px;opacity:.85}
        h2{margin-top:30px;border-bottom:2px solid #ddd;padding-bottom:4px}
        table{border-collapse:collapse;margin:8px 0;background:#fff;font-size:13px}
        th,td{border:1px solid #d0d0d0;padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#eee}
        td.pass{background:#d8f0da;font-weight:700}td.warn{background:#fbe7c6;font-weight:700}td.fail{background:#f8d3d0;font-weight:700}td.incomplete{background:#e4e4e4}td.unmeasured{background:#dfe5f2;font-weight:700}td.notapplicable{background:#f1f1f1;color:#555;font-weight:700}header.notapplicable{background:#666}
        tr.regressed td{background:#f8d3d0}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:14px}
        dl.facts dt{font-weight:600}dl.facts dd{margin:0}
        .charts{display:flex;flex-wrap:wrap;gap:10px}
        figure{margin:0;background:#fff;border:1px solid #ddd}
        """;
}
