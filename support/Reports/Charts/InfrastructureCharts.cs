using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results.RunFile;
using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>
/// The infrastructure sampled during a test, on the test's own time axis: PostgreSQL connections and
/// lock waits, Redis queue depth, machine CPU and memory, and the busiest processes' CPU. A panel whose
/// figures were never sampled is left out rather than drawn empty.
/// </summary>
public static class InfrastructureCharts
{
    public static IReadOnlyList<ChartImage> Draw(GuideTestResults test)
    {
        var samples = test.Infrastructure?.Samples ?? [];
        var end = Math.Max(test.DurationSeconds, samples.Count == 0 ? 0 : samples.Max(s => s.T));
        var panels = new List<ChartImage?>
        {
            Panel(samples, end, "PostgreSQL connections and lock waits", "sessions",
                [(ProbeNames.Postgres, DatabaseMeasurements.Connections, "connections in use"), (ProbeNames.Postgres, DatabaseMeasurements.MaxConnections, "max_connections (the limit)")],
                [(ProbeNames.Postgres, DatabaseMeasurements.LockWaits, "lock waits")]),
            Panel(samples, end, "Redis queue depth", "jobs waiting", [(ProbeNames.Redis, QueueMeasurements.Depth, "queue depth")], []),
            Panel(samples, end, "Machine CPU and memory", "percent",
                [(ProbeNames.Resources, ResourceMeasurements.MachineCpu, "CPU %"), (ProbeNames.Resources, ResourceMeasurements.MachineMemory, "memory %")], []),
            Panel(samples, end, "Busiest processes' CPU", "percent of one core", BusiestProcesses(samples), []),
        };
        return panels.OfType<ChartImage>().ToList();
    }

    private static ChartImage? Panel(IReadOnlyList<ProbeSample> samples, double end, string title, string yLabel,
        IReadOnlyList<(string Probe, string Key, string Legend)> left, IReadOnlyList<(string Probe, string Key, string Legend)> right)
    {
        var series = left.Select(l => (l, Right: false)).Concat(right.Select(r => (l: r, Right: true)))
            .Select(x => (x.l.Legend, x.Right, Points: Points(samples, x.l.Probe, x.l.Key))).Where(x => x.Points.Length > 0).ToList();
        if (series.Count == 0) return null;
        var plot = Chart.New(title, "seconds into the test", yLabel);
        if (right.Count > 0) plot.Axes.Right.Label.Text = right[0].Legend;
        for (var i = 0; i < series.Count; i++)
            Chart.Line(plot, series[i].Points.Select(p => p.T).ToArray(), series[i].Points.Select(p => p.V).ToArray(), series[i].Legend, Chart.ColorAt(i),
                series[i].Right ? LinePattern.Dashed : null, series[i].Right ? plot.Axes.Right : null);
        return Chart.Render(plot, Chart.Width, 240, end);
    }

    private static (double T, double V)[] Points(IReadOnlyList<ProbeSample> samples, string probe, string key) =>
        samples.Where(s => s.Probe == probe && s.Values is not null && s.Values.TryGetValue(key, out var v) && double.IsFinite(v))
            .Select(s => (s.T, s.Values![key])).OrderBy(p => p.T).ToArray();

    private static IReadOnlyList<(string, string, string)> BusiestProcesses(IReadOnlyList<ProbeSample> samples) =>
        samples.Where(s => s.Probe == ProbeNames.Resources && s.Values is not null)
            .SelectMany(s => s.Values!.Where(v => ResourceMeasurements.ProcessOfCpu(v.Key) is not null))
            .GroupBy(v => v.Key).Select(g => (g.Key, Peak: g.Max(v => v.Value))).Where(g => g.Peak > 0)
            .OrderByDescending(g => g.Peak).Take(5)
            .Select(g => (ProbeNames.Resources, g.Key, ResourceMeasurements.ProcessOfCpu(g.Key)!)).ToList();
}
