using MangaMotion.Acceptance.Results.History;
using System.Text;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports.Pages;

/// <summary>signoff.md: the same verdicts and tables in Markdown, for a pull request or a CI job summary.</summary>
public static class SignoffMarkdown
{
    public static string Render(SignoffModel m)
    {
        var r = m.Report;
        var md = new StringBuilder();
        md.AppendLine($"# MangaMotion release sign-off: {(m.IsIncomplete ? "INCOMPLETE" : r.Verdict)}").AppendLine();
        md.AppendLine($"**{Cell(m.Headline)}**").AppendLine();
        if (r.SignOff is { } signOff) md.AppendLine($"Sign-off: {signOff}").AppendLine();
        if (m.RegressionLine is { } regressions) md.AppendLine($"> **{Cell(regressions)}**").AppendLine();
        if (m.GeneratorLine is { } generator) md.AppendLine($"> **{Cell(generator)}**").AppendLine();
        md.AppendLine($"Run `{m.Run}`, profile `{r.Profile ?? "-"}`, target {r.Target ?? "-"}, {Format.Time(r.StartedAt)} to {Format.Time(r.EndedAt)}.").AppendLine();
        if (r.RefusedSettings.Count > 0)
            Table(md, "Settings refused: nothing was run", ["Setting", "Value", "Problem", "Accepted"], r.RefusedSettings.Select(s => new[] { s.Setting, s.Value, s.Problem, s.Accepted }));
        Table(md, "Acceptance criteria", ["Criterion", "Verdict", "Observed", "Threshold", "Evidence"],
            SignoffModel.WorstFirst(r.Criteria).Select(c => new[] { $"{c.Title} (`{c.Id}`)", $"**{c.Verdict}**", SignoffModel.Observed(c), c.Threshold, c.Evidence }));
        // Technical detail after the table a stakeholder reads, folded (GitHub renders <details>).
        if (r.Criteria.Where(c => c.Detail is not null).ToList() is { Count: > 0 } detailed)
        {
            md.AppendLine("<details><summary>How the criteria were measured</summary>").AppendLine();
            foreach (var row in detailed) md.AppendLine($"- `{row.Id}`: {Cell(row.Detail!)}");
            md.AppendLine().AppendLine("</details>").AppendLine();
        }
        foreach (var t in r.Tests)
        {
            Table(md, $"{t.Title}: {t.Applied}", ["Step", "Requests", "Success", "p50", "p95", "p99", "max", "Status codes", "Error classes"],
                t.Steps.Select(s => new[] { s.Step, $"{s.Requests:#,0}", $"{s.SuccessRate:0.##} %", Format.Number(s.LatencyMs?.P50, "ms"), Format.Number(s.LatencyMs?.P95, "ms"),
                    Format.Number(s.LatencyMs?.P99, "ms"), Format.Number(s.LatencyMs?.Max, "ms"), Format.Counts(s.StatusCodes), Format.Counts(s.ErrorClasses) }));
            foreach (var line in new[] { SignoffModel.Generator(t.LoadGenerator) is { } watched ? $"Load generator: {watched}" : null, SignoffModel.Agents(t.Agents) is { } agents ? $"Load agents: {agents}" : null, SignoffModel.Jobs(t.Jobs) is { } jobs ? $"Jobs: {jobs}" : null, t.Queue is { } q ? $"Queue: {q.Summary}" : null,
                         t.Backlog is { Behind: >= 1 } b ? $"Started behind {b.Behind:#,0} jobs queued by earlier tests (waited {b.WaitedSeconds:0} s)." : null }.OfType<string>())
                md.AppendLine($"- {Cell(line)}");
            md.AppendLine();
        }
        if (r.Comparisons.Count > 0)
            Table(md, $"Compared with the run history ({r.History?.Store ?? "-"})", ["Test", "Figure", "This run", "Baseline", "Change (95 % interval)", "Tolerated", "Verdict"],
                r.Comparisons.Select(x => new[] { x.Test, x.Figure, Format.Number(x.Now, x.ValueUnit ?? ""), Format.Number(x.Before, x.ValueUnit ?? ""),
                    x.Change is { } ch ? $"{ch:+0.#;-0.#;0} {x.Unit} ({x.Low:+0.#;-0.#;0} to {x.High:+0.#;-0.#;0})" : x.Evidence, $"{x.Tolerance:0.##} {x.Unit}", $"**{SignoffSections.Movement(x)}**" }));
        if (r.ChangePoints.Count > 0)
            md.AppendLine("Change points: " + string.Join("; ", r.ChangePoints.Select(x => Cell(x.Describe())))).AppendLine();
        if (m.Comparison is { } c)
            Table(md, $"Compared with run {c.Baseline} (p95 +{c.Tolerance.P95IncreasePercent:0.#} %, success -{c.Tolerance.SuccessDropPoints:0.#} pt flagged from {Figures.Comparison.MinSamples} samples; tests both ran)",
                ["Figure", "Baseline", "This run", "Change", ""],
                c.Changes.Where(f => f.Now.Kind != FigureKind.Count || f.Change is not 0).Select(f => new[]
                    { f.Now.Name, Format.Number(f.Before, f.Now.Unit), Format.Number(f.Now.Value, f.Now.Unit), f.ChangeText, f.Regressed ? "**REGRESSION**" : "" }));
        else md.AppendLine("## Compared with the baseline").AppendLine().AppendLine(m.NoComparisonBecause ?? "No baseline.").AppendLine();
        foreach (var capacity in r.Capacity)
        {
            md.AppendLine($"## Capacity and headroom ({capacity.Test})").AppendLine().AppendLine(Cell(capacity.Summary)).AppendLine()
              .AppendLine(Cell(SignoffModel.CapacityFit(capacity))).AppendLine();
            if (capacity.QueueAtExpected is { } queue) md.AppendLine($"Worker's queue at the expected load: {Cell(queue.Words)}").AppendLine();
        }
        md.AppendLine("## Diagnosis").AppendLine();
        if (r.Diagnoses.Count == 0) md.AppendLine("No bottleneck shows its symptoms.");
        foreach (var d in r.Diagnoses)
            md.AppendLine($"- **{d.Title}**: {Cell(string.Join("; ", d.Symptoms ?? []))}. Try: {Cell(string.Join("; ", d.Solutions ?? []))}");
        md.AppendLine();
        if (r.Timeline.Count > 0)
            Table(md, "Timeline: when things began to go wrong", ["Test", "Seconds", "What happened"], r.Timeline.Select(e => new[] { e.Test, $"{e.AtSeconds:0.0}", e.Event }));
        if (r.Classifications.Count > 0)
            Table(md, "Errors and slow responses by class", ["Class", "Count", "Indicates"], r.Classifications.Select(x => new[] { x.Kind, $"{x.Count:#,0}", x.Indicates }));
        if (r.Readiness.Count > 0)
            Table(md, "Pre-test checklist", ["Component", "State", "Detail"], r.Readiness.Select(x => new[] { x.Component, x.State, x.Detail }));
        if (r.Cleanup.Count > 0) md.AppendLine("## Cleanup").AppendLine().AppendLine(string.Join(Environment.NewLine, r.Cleanup.Select(c => $"- {Cell(c)}"))).AppendLine();
        md.AppendLine($"Suite {r.Suite?.Version ?? "-"} on {r.Suite?.Machine ?? "-"}. Charts and every figure: signoff.html and results.json in the run folder.");
        return md.ToString();
    }

    private static void Table(StringBuilder md, string title, IReadOnlyList<string> head, IEnumerable<IReadOnlyList<string?>> rows)
    {
        md.AppendLine($"## {title}").AppendLine();
        md.AppendLine("| " + string.Join(" | ", head) + " |");
        md.AppendLine("|" + string.Concat(head.Select(_ => " --- |")));
        var any = false;
        foreach (var row in rows) { md.AppendLine("| " + string.Join(" | ", row.Select(c => Cell(c ?? ""))) + " |"); any = true; }
        if (!any) md.AppendLine("| " + string.Join(" | ", head.Select((_, i) => i == 0 ? "(none)" : "")) + " |");
        md.AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
