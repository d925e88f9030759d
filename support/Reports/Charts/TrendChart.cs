using System.Globalization;
using MangaMotion.Acceptance.Reports.Figures;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>The key figures over the last runs of the same profile (reports/history.jsonl): p95 per step, and success rates.</summary>
public static class TrendChart
{
    public const int Runs = 20;

    public static IReadOnlyList<ChartImage> Draw(IReadOnlyList<HistoryEntry> history)
    {
        var runs = history.TakeLast(Runs).ToList();
        if (runs.Count < 2) return [];
        var charts = new List<ChartImage>();
        var p95 = Names(runs, " p95");
        // Whole-job times (seconds) and request times (milliseconds) get separate charts, or the fast lines lie flat on zero.
        var slow = p95.Where(n => runs.Where(r => r.Figures.ContainsKey(n)).Average(r => r.Figures[n]) >= 500).ToList();
        charts.AddRange(new[]
        {
            Draw(runs, p95.Except(slow).ToList(), " p95", "request p95 per step over the last runs", "milliseconds"),
            Draw(runs, slow, " p95", "slow steps' p95 over the last runs (whole jobs)", "milliseconds"),
            Draw(runs, Names(runs, " success"), " success", "success rate per step over the last runs", "percent"),
        }.OfType<ChartImage>());
        return charts;
    }

    private static List<string> Names(List<HistoryEntry> runs, string suffix) =>
        runs.SelectMany(r => r.Figures.Keys).Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();

    private static ChartImage? Draw(List<HistoryEntry> runs, List<string> names, string suffix, string title, string unit)
    {
        if (names.Count == 0) return null;
        var plot = Chart.New(title, "run", unit);
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
