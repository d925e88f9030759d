using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Results.RunFile;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>The bottleneck ramp stage by stage: p95 and success rate against users, the breaking point marked.</summary>
public static class RampChart
{
    public static ChartImage? Draw(GuideTestResults test, BreakingPoint? breakingPoint)
    {
        var stages = test.Stages.Where(s => s.Steps?.Any(x => x.Requests > 0) == true).ToList();
        if (stages.Count < 2) return null;
        var plot = Chart.New($"{test.Title}: p95 and success rate per ramp stage", "virtual users", "p95 milliseconds");
        var users = stages.Select(s => s.Users).ToArray();
        var steps = stages.SelectMany(s => s.Steps!).Where(s => s.Requests > 0).Select(s => s.Step).Distinct().ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var points = stages.Select(s => (s.Users, Step: s.Steps!.FirstOrDefault(x => x.Step == steps[i] && x.Requests > 0))).Where(p => p.Step is not null).ToArray();
            Chart.Line(plot, points.Select(p => p.Users).ToArray(), points.Select(p => p.Step!.LatencyMs?.P95 ?? 0).ToArray(), $"{steps[i]} p95", Chart.ColorAt(i));
        }
        plot.Axes.Right.Label.Text = "success %";
        var success = stages.Select(s => 100.0 * s.Steps!.Sum(x => x.Ok) / Math.Max(1, s.Steps!.Sum(x => x.Requests))).ToArray();
        Chart.Line(plot, users, success, "success %", Chart.ColorAt(2), LinePattern.Dashed, plot.Axes.Right);
        if (breakingPoint?.Users is { } broke)
        {
            // Named in the legend, not on the line: at the last stage a label on the line runs off the chart and into its title.
            var line = plot.Add.VerticalLine(broke, 2, Chart.ColorAt(1));
            line.LegendText = $"breaking point: {broke} users";
        }
        return Chart.Render(plot);
    }
}
