using MangaMotion.Acceptance.Results.RunFile;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>A test's per-second series: response time percentiles per step, and requests, errors and users.</summary>
public static class TimelineCharts
{
    public static ChartImage? Percentiles(GuideTestResults test)
    {
        var steps = StepNames(test);
        if (steps.Count == 0) return null;
        var plot = Chart.New($"{test.Title}: response time percentiles per second", "seconds into the test", "milliseconds");
        for (var i = 0; i < steps.Count; i++)
        {
            var points = test.Series.Where(s => s.Steps?.GetValueOrDefault(steps[i]) is { Requests: > 0 }).Select(s => (s.T, Step: s.Steps![steps[i]])).ToArray();
            var xs = points.Select(p => p.T).ToArray();
            Chart.Line(plot, xs, points.Select(p => p.Step.P95).ToArray(), $"{steps[i]} p95", Chart.ColorAt(i));
            Chart.Line(plot, xs, points.Select(p => p.Step.P99).ToArray(), $"{steps[i]} p99", Chart.ColorAt(i), LinePattern.Dashed);
            Chart.Line(plot, xs, points.Select(p => p.Step.P50).ToArray(), $"{steps[i]} p50", Chart.ColorAt(i), LinePattern.Dotted);
        }
        return Chart.Render(plot);
    }

    public static ChartImage? Throughput(GuideTestResults test)
    {
        if (test.Series.Count == 0) return null;
        var plot = Chart.New($"{test.Title}: requests and errors per second, with active users", "seconds into the test", "per second");
        var xs = test.Series.Select(s => s.T).ToArray();
        Chart.Line(plot, xs, test.Series.Select(s => (double)(s.Steps?.Values.Sum(v => v.Requests) ?? 0)).ToArray(), "requests/s", Chart.ColorAt(0));
        Chart.Line(plot, xs, test.Series.Select(s => (double)(s.Steps?.Values.Sum(v => v.Errors) ?? 0)).ToArray(), "errors/s", Chart.ColorAt(1));
        if (test.Dropped > 0) Chart.Line(plot, xs, test.Series.Select(s => (double)s.Dropped).ToArray(), "dropped arrivals/s", Chart.ColorAt(4));
        plot.Axes.Right.Label.Text = "active users";
        Chart.Line(plot, xs, test.Series.Select(s => s.ActiveUsers).ToArray(), "active users", Chart.ColorAt(2), LinePattern.Dashed, plot.Axes.Right);
        return Chart.Render(plot);
    }

    internal static List<string> StepNames(GuideTestResults test) =>
        test.Steps.Where(s => s.Requests > 0).Select(s => s.Step).ToList();
}
