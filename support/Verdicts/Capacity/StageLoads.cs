using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MathNet.Numerics;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// One ramp stage as the capacity model reads it, from its steady part only: completed uploads per
/// second, the uploads' mean and P95, and how fast the job queue grew (null: no queue probe answered).
/// </summary>
public sealed record StageLoad(string Name, double Users, double FromSeconds, double ToSeconds, double Throughput, double MeanMs, double P95Ms, double? QueueGrowthPerSecond);

public static class StageLoads
{
    /// <summary>A stage's first quarter (at least two seconds) is the users arriving and the closed loop settling: not steady.</summary>
    public static double SettleSeconds(double stageSeconds) => Math.Max(2, stageSeconds / 4);

    /// <summary>Seconds of steady load a stage needs to be read at all.</summary>
    public const int MinSteadySeconds = 3;

    public static IReadOnlyList<StageLoad> Of(GuideTestRecord ramp)
    {
        var loads = new List<StageLoad>();
        var series = ramp.Load.Series.ToList();
        foreach (var stage in ramp.Load.StageSteps)
        {
            if (stage.Steps.FirstOrDefault(s => s.Step == JourneySteps.Upload) is not { Requests: > 0 } stats) continue;
            double start = stage.Stage.Start.TotalSeconds, end = stage.Stage.End.TotalSeconds;
            var from = start + SettleSeconds(end - start);
            var first = series.FindIndex(s => s.T >= from);
            var seconds = first < 0 ? [] : series.Skip(first).TakeWhile(s => s.T < end).ToList();
            if (seconds.Count < MinSteadySeconds) continue;
            var done = seconds.Sum(s => s.Steps.TryGetValue(JourneySteps.Upload, out var x) ? x.Requests - x.Errors : 0);
            loads.Add(new StageLoad(stage.Stage.Name, stage.Stage.To, from, end, done / Covered(series, first, seconds),
                stats.OkLatency.Count > 0 ? stats.OkLatency.Mean : stats.Latency.Mean, stats.OkLatency.Count > 0 ? stats.OkLatency.P95 : stats.Latency.P95,
                QueueGrowth(ramp, from, end)));
        }
        return loads;
    }

    /// <summary>
    /// The time the window's samples count uploads over: from the sample before it to its last. A busy machine
    /// ticks late or early by a fraction of a second, and a window may hold one sample more or fewer than its
    /// seconds; dividing by the count would move a stage's throughput by that much.
    /// </summary>
    private static double Covered(IReadOnlyList<SecondSample> series, int first, IReadOnlyList<SecondSample> window)
    {
        var covered = window[^1].T - (first > 0 ? series[first - 1].T : window[0].T - 1);
        return covered > 0 ? covered : window.Count;
    }

    /// <summary>The queue depth's least-squares slope over the window (jobs per second); null without at least three readings.</summary>
    private static double? QueueGrowth(GuideTestRecord ramp, double from, double to)
    {
        var depth = ramp.Infrastructure.Values(ProbeNames.Redis, QueueMeasurements.Depth).Where(v => v.T >= from && v.T < to).ToList();
        if (depth.Count < 3 || depth.All(v => v.T == depth[0].T)) return null;
        return Fit.Line(depth.Select(v => v.T).ToArray(), depth.Select(v => v.Value).ToArray()).B;
    }
}
