using System.Globalization;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Load.Thresholds;

/// <summary>
/// Judges thresholds against the measurement store: over the whole run, per stage (one result per
/// stage), or over every sliding window of the run (tracked each second; the worst window decides).
/// Also answers, each second, whether an abort-on-fail threshold has failed past its grace.
/// </summary>
public sealed class ThresholdEvaluator(IReadOnlyList<Threshold> thresholds, MeasurementStore store, LoadPlan plan)
{
    private readonly Dictionary<Threshold, (double Worst, double? FirstFailureAt)> _sliding = new();

    public static int LongestWindowSeconds(IEnumerable<Threshold> thresholds) =>
        thresholds.Select(t => t.Window is ThresholdWindow.Sliding s ? (int)Math.Ceiling(s.Length.TotalSeconds) : 0).DefaultIfEmpty(0).Max();

    /// <summary>Called once per second after the store's tick. Returns a reason when the run must abort.</summary>
    public string? OnSecond(TimeSpan elapsed)
    {
        foreach (var t in thresholds.Where(t => t.Window is ThresholdWindow.Sliding))
        {
            var length = ((ThresholdWindow.Sliding)t.Window).Length;
            if (elapsed < length) continue;
            var stats = store.Recent(t.Step, (int)Math.Ceiling(length.TotalSeconds));
            if (Observe(t, stats, length.TotalSeconds) is not { } observed) continue;
            var known = _sliding.TryGetValue(t, out var k) ? k : (Worst: observed, FirstFailureAt: (double?)null);
            var worst = Worse(t, known.Worst, observed);
            _sliding[t] = (worst, known.FirstFailureAt ?? (t.Holds(observed) ? null : elapsed.TotalSeconds));
        }
        foreach (var t in thresholds.Where(t => t.AbortOnFail && elapsed >= t.AbortGrace))
        {
            var result = Current(t, elapsed);
            if (result is { Passed: false }) return $"threshold '{t}' failed: {t.Show(result.Observed)} against {t.Wanted} ({result.Where})";
        }
        return null;
    }

    /// <summary>Every threshold's result at the end of the run (per-stage thresholds give one per stage that ran).</summary>
    public IReadOnlyList<ThresholdResult> Final(TimeSpan actualDuration) => thresholds.SelectMany(t => t.Window switch
    {
        ThresholdWindow.EachStage => plan.Stages.Where(s => s.End > s.Start && s.Start < actualDuration)
            .Select(s => Judge(t, store.Stage(t.Step, s.Index), Seconds(s, actualDuration), $"stage {s.Index + 1}: {s.Name}")),
        ThresholdWindow.Sliding w => [SlidingResult(t, w)],
        _ => [Judge(t, store.Whole(t.Step), actualDuration.TotalSeconds, "whole run")],
    }).ToList();

    private ThresholdResult? Current(Threshold t, TimeSpan elapsed) => t.Window switch
    {
        ThresholdWindow.Sliding w when elapsed >= w.Length =>
            Judge(t, store.Recent(t.Step, (int)Math.Ceiling(w.Length.TotalSeconds)), w.Length.TotalSeconds, $"window ending at {elapsed.TotalSeconds:0}s"),
        ThresholdWindow.Sliding => null,
        ThresholdWindow.EachStage when plan.StageAt(elapsed - TimeSpan.FromSeconds(1)) is { } s =>
            Judge(t, store.Stage(t.Step, s.Index), Math.Max(1, (elapsed - s.Start).TotalSeconds), $"stage {s.Index + 1}: {s.Name}"),
        ThresholdWindow.EachStage => null,
        _ => Judge(t, store.Whole(t.Step), elapsed.TotalSeconds, $"first {elapsed.TotalSeconds:0}s"),
    };

    private ThresholdResult SlidingResult(Threshold t, ThresholdWindow.Sliding w)
    {
        if (!_sliding.TryGetValue(t, out var s))
            return new ThresholdResult(t.ToString(), t.Step, t.Metric, 0, t.Limit, t.Unit, w.ToString(), null, false, "no window with requests");
        var where = s.FirstFailureAt is { } at ? $"first failed in the window ending at {at:0}s" : "worst window";
        return new ThresholdResult(t.ToString(), t.Step, t.Metric, s.Worst, t.Limit, t.Unit, w.ToString(), where, s.FirstFailureAt is null);
    }

    private static ThresholdResult Judge(Threshold t, StepStats? stats, double seconds, string where)
    {
        var observed = Observe(t, stats, seconds);
        return observed is null
            ? new ThresholdResult(t.ToString(), t.Step, t.Metric, 0, t.Limit, t.Unit, t.Window.ToString(), where, false, $"no requests of step '{t.Step}' to judge")
            : new ThresholdResult(t.ToString(), t.Step, t.Metric, observed.Value, t.Limit, t.Unit, t.Window.ToString(), where, t.Holds(observed.Value));
    }

    /// <summary>The metric's value, or null where there is no evidence (no requests) and the metric is not a count.</summary>
    internal static double? Observe(Threshold t, StepStats? stats, double seconds)
    {
        if (t.Metric == "count") return stats?.Requests ?? 0;
        if (stats is null || stats.Requests == 0) return null;
        return t.Metric switch
        {
            "avg" => stats.Latency.Mean,
            "min" => stats.Latency.Min,
            "max" => stats.Latency.Max,
            "rate" => stats.SuccessRate,
            "error_rate" => 1 - stats.SuccessRate,
            "rps" => seconds <= 0 ? 0 : stats.Requests / seconds,
            _ => stats.LatencyAt(double.Parse(t.Metric[2..^1], CultureInfo.InvariantCulture)),
        };
    }

    private static double Worse(Threshold t, double a, double b) => t.Comparison is "<" or "<=" ? Math.Max(a, b) : t.Comparison is ">" or ">=" ? Math.Min(a, b) : (t.Holds(a) ? b : a);

    private static double Seconds(PlannedStage s, TimeSpan actualDuration) => ((s.End < actualDuration ? s.End : actualDuration) - s.Start).TotalSeconds;
}
