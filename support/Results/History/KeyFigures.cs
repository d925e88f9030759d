using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Results.History;

/// <summary>
/// The figures a run is compared and trended by: per test and step, success rate and p50/p95/p99;
/// per test, dropped arrivals and failed jobs. Named "test/step figure" so runs line up by name.
/// </summary>
/// <param name="Samples">how many measurements the figure stands on (a step's requests); null where it is a count itself</param>
public sealed record KeyFigure(string Name, double Value, string Unit, FigureKind Kind, long? Samples = null)
{
    /// <summary>The test the figure belongs to ("uploads" of "uploads/upload p95").</summary>
    public string Test => Name.Split('/', ' ')[0];
}

public enum FigureKind { Success, Latency, Count }

public static class KeyFigures
{
    public static IReadOnlyList<KeyFigure> Of(RunResults run)
    {
        var figures = new List<KeyFigure>();
        foreach (var test in run.Tests)
        {
            foreach (var step in test.Steps.Where(s => s.Requests > 0))
            {
                var name = $"{test.Id}/{step.Step}";
                figures.Add(new($"{name} success", step.SuccessRate, "%", FigureKind.Success, step.Requests));
                if (step.LatencyMs is { Count: > 0 } l)
                {
                    figures.Add(new($"{name} p50", l.P50, "ms", FigureKind.Latency, l.Count));
                    figures.Add(new($"{name} p95", l.P95, "ms", FigureKind.Latency, l.Count));
                    figures.Add(new($"{name} p99", l.P99, "ms", FigureKind.Latency, l.Count));
                }
            }
            figures.Add(new($"{test.Id} dropped arrivals", test.Dropped, "", FigureKind.Count));
            if (test.Jobs is { } jobs) figures.Add(new($"{test.Id} jobs failed or timed out", jobs.Failed + jobs.TimedOut, "", FigureKind.Count));
        }
        return figures;
    }
}
