using System.Text;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Results.RunFile;
using MangaMotion.Acceptance.Settings;
using static System.Net.WebUtility;

namespace MangaMotion.Acceptance.Reports.Pages;

/// <summary>
/// reports/history.html: the runs of this target and profile the history holds (newest first) with
/// their verdicts and links to the sign-offs this machine has, and where the figures shifted. Written
/// by the run when it ends, from the history it read and itself.
/// </summary>
public static class HistoryPage
{
    public static string Write(string reportsRoot, PastRuns past, HistoryRecord thisRun, RunResults report)
    {
        var runs = past.Runs.Append(thisRun).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Run, StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MangaMotion run history</title><style>{SignoffHtml.Style}</style></head><body>");
        html.Append($"<header class=\"verdict {SignoffHtml.Css(report.Verdict)}\"><div class=\"big\">Run history</div>");
        html.Append($"<div>{HtmlEncode(thisRun.Target ?? "")}, {HtmlEncode(thisRun.Profile ?? "")} profile: {runs.Count} runs</div></header><main>");
        html.Append(SignoffHtml.Facts(("History store", past.Store), ("Read", past.Unavailable is { } why ? $"could not be read: {why}" : "yes"),
            ("Newest run", $"{thisRun.Run}: {report.Verdict}")));
        html.Append("<h2>Where the figures shifted</h2>");
        html.Append(report.ChangePoints.Count == 0 ? "<p>No shift in any step's P95 stands out of the runs' noise.</p>"
            : "<ul>" + string.Concat(report.ChangePoints.Select(c => $"<li>{HtmlEncode(c.Describe())}</li>")) + "</ul>");
        html.Append("<h2>Runs</h2>");
        html.Append("<table><tr><th>Run</th><th>Started</th><th>Verdict</th><th>Target version</th><th>Suite</th><th>Tests (applied load)</th><th>Sign-off</th></tr>");
        foreach (var r in runs)
        {
            var signoff = Path.Combine(reportsRoot, r.Run, "signoff.html");
            var link = File.Exists(signoff) ? $"<a href=\"{HtmlEncode(r.Run)}/signoff.html\">signoff.html</a>" : "on the machine that ran it";
            var verdict = r.Incomplete ? "INCOMPLETE" : r.Verdict;
            html.Append($"<tr><td>{HtmlEncode(r.Run)}</td><td>{HtmlEncode(Format.Time(r.StartedAt))}</td><td class=\"{SignoffHtml.Css(verdict)}\">{HtmlEncode(verdict)}</td>")
                .Append($"<td>{HtmlEncode(r.TargetVersion ?? "-")}</td><td>{HtmlEncode(r.SuiteVersion ?? "-")}</td>")
                .Append($"<td>{HtmlEncode(string.Join("; ", r.Tests.Select(t => $"{t.Id}: {t.Applied}")))}</td><td>{link}</td></tr>");
        }
        html.Append("</table>");
        if (past.Skipped.Count > 0)
            html.Append("<h2>Skipped</h2><ul>").Append(string.Concat(past.Skipped.Select(s => $"<li>{HtmlEncode(s)}</li>"))).Append("</ul>");
        html.Append("</main></body></html>");
        var path = Path.Combine(reportsRoot, "history.html");
        File.WriteAllText(path + ".tmp", Redaction.Mask(html.ToString()));
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }
}
