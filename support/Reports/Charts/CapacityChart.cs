using MangaMotion.Acceptance.Results.Capacity;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>
/// The ramp's capacity model: throughput against users (the stages measured, the fitted curve with its
/// 95 % band, the peak and the expected users marked), and the predicted upload P95 with where each
/// limit gives. Drawn only for a ramp the model could fit; never past its reach.
/// </summary>
public static class CapacityChart
{
    public static IReadOnlyList<ChartImage> Draw(string testTitle, CapacityFindings? capacity)
    {
        if (capacity is not { Curve.Count: > 1 } c) return [];
        return [Throughput(testTitle, c), Latency(testTitle, c)];
    }

    private static ChartImage Throughput(string title, CapacityFindings c)
    {
        var plot = Chart.New($"{title}: throughput against users, measured and predicted", "virtual users", "uploads per second");
        double[] users = [.. c.Curve.Select(p => p.Users)];
        var band = plot.Add.FillY(users, [.. c.Curve.Select(p => p.Low)], [.. c.Curve.Select(p => p.High)]);
        band.FillColor = Chart.ColorAt(0).WithAlpha(0.18);
        band.LineColor = Colors.Transparent;
        band.LegendText = "95 % band";
        Chart.Line(plot, users, [.. c.Curve.Select(p => p.Throughput)], c.Law == CapacityFindings.PoolLaw ? "fitted (pool of servers)" : "fitted (scalability law)", Chart.ColorAt(0));
        var measured = plot.Add.ScatterPoints(c.Stages.Select(s => s.Users).ToArray(), c.Stages.Select(s => s.Throughput).ToArray(), Chart.ColorAt(1));
        measured.MarkerSize = 8;
        measured.LegendText = "measured stages";
        Mark(plot, c.PeakUsers?.Value, Chart.ColorAt(2), LinePattern.Solid, $"peak: {c.PeakThroughput?.Value:0.#} uploads/s at ~{c.PeakUsers?.Value:0} users");
        if (c.PeakUsers?.Value is null && c.PeakThroughput?.Value is { } ceiling)
        {
            var level = plot.Add.HorizontalLine(ceiling, 1.5f, Chart.ColorAt(2), LinePattern.Dotted);
            level.LegendText = $"levels off at {ceiling:0.#} uploads/s";
        }
        Mark(plot, c.ExpectedUsers, Chart.ColorAt(3), LinePattern.Dashed, $"expected: {c.ExpectedUsers:0} users");
        return Chart.Render(plot, xMax: XMax(c), xMin: 0);
    }

    /// <summary>The model's reach, or the expected users when they lie past it (the gap shows what was not predicted).</summary>
    private static double XMax(CapacityFindings c) => Math.Max(c.Reach, (c.ExpectedUsers ?? 0) * 1.05);

    private static ChartImage Latency(string title, CapacityFindings c)
    {
        // The legend shows five entries at most (ScottPlot drops the rest): the dots and the expected users are named elsewhere.
        var plot = Chart.New($"{title}: upload P95, measured (dots) and predicted", c.ExpectedUsers is { } expected ? $"virtual users (dashed: the expected {expected:0})" : "virtual users", "P95 milliseconds");
        // Drawn up to ten times the slowest stage measured: past that the curve only flattens every other line.
        var shown = c.Curve.Where(p => p.P95Ms <= 10 * c.Stages.Max(s => s.P95Ms)).ToList();
        Chart.Line(plot, [.. shown.Select(p => p.Users)], [.. shown.Select(p => p.P95Ms)], "predicted P95", Chart.ColorAt(0));
        var measured = plot.Add.ScatterPoints(c.Stages.Select(s => s.Users).ToArray(), c.Stages.Select(s => s.P95Ms).ToArray(), Chart.ColorAt(1));
        measured.MarkerSize = 8;
        var i = 2;
        foreach (var limit in c.Limits.Where(l => l.Users.Value is not null))
            Mark(plot, limit.Users.Value, Chart.ColorAt(i++), LinePattern.Dotted, $"{limit.Words}: {(limit.AtFirstStage ? "at most " : "~")}{limit.Users.Value:0} users");
        Mark(plot, c.ExpectedUsers, Chart.ColorAt(i), LinePattern.Dashed, "");
        return Chart.Render(plot, height: Chart.Height + 40, xMax: XMax(c), xMin: 0);
    }

    /// <summary>A vertical line named in the legend (a label on the line runs off the chart at its edges).</summary>
    private static void Mark(Plot plot, double? users, Color color, LinePattern pattern, string legend)
    {
        if (users is not { } x) return;
        var line = plot.Add.VerticalLine(x, 2, color);
        line.LinePattern = pattern;
        line.LegendText = legend;
    }
}
