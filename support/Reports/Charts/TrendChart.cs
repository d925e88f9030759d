using System.Globalization;
using MangaMotion.Acceptance.Reports.Figures;
using MangaMotion.Acceptance.Results.History;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>The key figures over the last runs of the same profile (reports/history.jsonl): p95 per step, and success rates.</summary>
public static class TrendChart
{
    public const int Runs = 20;

    public static IReadOnlyList<ChartImage> Draw(IReadOnlyList<HistoryEntry> history, IReadOnlyList<ChangePoint>? shifts = null)
    {
        shifts ??= [];
        var runs = history.TakeLast(Runs).ToList();
        if (runs.Count < 2) return [];
        var charts = new List<ChartImage>();
        var p95 = Names(runs, " p95");
        // Whole-job times (seconds) and request times (milliseconds) get separate charts, or the fast lines lie flat on zero.
        var slow = p95.Where(n => runs.Where(r => r.Figures.ContainsKey(n)).Average(r => r.Figures[n]) >= 500).ToList();
        charts.AddRange(new[]
        {
            Draw(runs, p95.Except(slow).ToList(), " p95", "request p95 per step over the last runs", "milliseconds", shifts),
            Draw(runs, slow, " p95", "slow steps' p95 over the last runs (whole jobs)", "milliseconds", shifts),
            Draw(runs, Names(runs, " success"), " success", "success rate per step over the last runs", "percent", shifts),
        }.OfType<ChartImage>());
        return charts;
    }

    private static List<string> Names(List<HistoryEntry> runs, string suffix) =>
        runs.SelectMany(r => r.Figures.Keys).Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();

    private static ChartImage? Draw(List<HistoryEntry> runs, List<string> names, string suffix, string title, string unit, IReadOnlyList<ChangePoint> shifts)
    {
        if (names.Count == 0) return null;
        var plot = Chart.New(title, "run", unit);
        // Each shift the history names is marked where its run stands, once per chart of its figure.
        if (suffix == " p95")
            foreach (var shift in shifts.Where(c => names.Contains($"{c.Test}/{c.Figure.Split(' ')[0]} p95")).DistinctBy(c => c.Run))
                if (runs.FindIndex(r => r.Run == shift.Run) is var at and >= 0)
                {
                    var line = plot.Add.VerticalLine(at, 2, Chart.ColorAt(1));
                    line.LinePattern = LinePattern.Dashed;
                    line.LegendText = $"level shift at {shift.Run}{(shift.Provisional ? " (provisional)" : "")}";
                }
        for (var i = 0; i < names.Count; i++)
        {
            var points = runs.Select((r, x) => (X: (double)x, Has: r.Figures.TryGetValue(names[i], out var v), V: v)).Where(p => p.Has).ToArray();
            Chart.Line(plot, points.Select(p => p.X).ToArray(), points.Select(p => p.V).ToArray(), names[i][..^suffix.Length], Chart.ColorAt(i));
        }
        var ticks = runs.Select((r, x) => new Tick(x, r.StartedAt?.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) ?? r.Run)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = runs.Count > 6 ? 45 : 0;
        return Chart.Render(plot, xMin: -0.4, xMax: runs.Count - 0.6);
    }
}
