using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using System.Globalization;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// The worker's throughput during one test, read from the queue whatever the worker's CPU: jobs arriving
/// per second (the suite's own, and the queue's id counter where it has one, which counts everyone's)
/// against jobs drained per second (arrivals less the backlog's growth), and how long the backlog left
/// at the end needs at that pace.
/// </summary>
public sealed record QueueFlow(double Seconds, double DepthAtStart, double DepthAtEnd, double ArrivalsPerSecond, double SuiteArrivalsPerSecond,
    double DrainedPerSecond, double BacklogPerSecond, double? DrainSecondsLeft)
{
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The backlog grew and the worker drained less than it received, past the tolerances (10 jobs, 90 % of arrivals).</summary>
    public bool WorkerBehind => DepthAtEnd - DepthAtStart >= JudgingTolerances.BacklogJobs
                                && DrainedPerSecond < JudgingTolerances.DrainedShare * ArrivalsPerSecond;

    public string Describe() =>
        $"arrivals {F(ArrivalsPerSecond)}/s, drained {F(DrainedPerSecond)}/s, backlog {(BacklogPerSecond >= 0 ? "+" : "")}{F(BacklogPerSecond)}/s; " +
        $"queue {F(DepthAtStart)} → {F(DepthAtEnd)} over {F(Seconds)} s" +
        (DepthAtEnd >= 1 ? DrainSecondsLeft is { } left ? $"; the {F(DepthAtEnd)} queued need ≈ {Duration(left)} at that pace" : $"; the {F(DepthAtEnd)} queued are not draining" : "");

    private static string Duration(double seconds) => seconds >= 90 ? $"{F(Math.Round(seconds / 60))} min" : $"{F(Math.Round(seconds))} s";

    /// <summary>Null when the queue was not read at least twice during the test.</summary>
    public static QueueFlow? Of(GuideTestRecord r)
    {
        var depth = r.Infrastructure.Values(ProbeNames.Redis, QueueMeasurements.Depth).ToList();
        if (depth.Count < 2 || depth[^1].T - depth[0].T < 1) return null;
        var seconds = depth[^1].T - depth[0].T;
        var suite = (r.Jobs?.Created ?? r.Step(JourneySteps.Upload)?.Ok ?? 0) / Math.Max(seconds, r.Load.ActualDuration.TotalSeconds);
        var ids = r.Infrastructure.Values(ProbeNames.Redis, QueueMeasurements.IdCounter).ToList();
        var counted = ids.Count >= 2 ? (ids[^1].Value - ids[0].Value) / Math.Max(0.001, ids[^1].T - ids[0].T) : 0;
        var arrivals = Math.Max(suite, counted);
        var active = r.Infrastructure.Values(ProbeNames.Redis, QueueMeasurements.Active).ToList();
        var activeGrowth = active.Count >= 2 ? active[^1].Value - active[0].Value : 0;
        var backlog = (depth[^1].Value - depth[0].Value + activeGrowth) / seconds;
        var drained = Math.Max(0, arrivals - backlog);
        return new QueueFlow(seconds, depth[0].Value, depth[^1].Value, arrivals, suite, drained, backlog, drained > 0 ? depth[^1].Value / drained : null);
    }
}
