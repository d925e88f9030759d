using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Reading the bottleneck ramp stage by stage: success up to 100 users, degradation of p95 against the
/// first stage (the baseline), and the breaking point: the first stage where a guide limit breaks.
/// </summary>
public static class Ramp
{
    public const int GuideUserLimit = 100;

    /// <summary>
    /// Increases are measured against the baseline or this, whichever is larger: on an API answering in
    /// tens of milliseconds, a few milliseconds of jitter is not a 50 % degradation.
    /// </summary>
    public const double BaselineFloorMs = 100;

    public static double IncreasePercent(double baselineMs, double ms) => (ms - baselineMs) / Math.Max(baselineMs, BaselineFloorMs) * 100;
    private const string Step = "upload";

    private static IEnumerable<(StageResult Stage, StepStats Stats)> Stages(RunRecord r) =>
        r.Load.StageSteps.Select(s => (s, s.Steps.FirstOrDefault(x => x.Step == Step))).Where(x => x.Item2 is { Requests: > 0 }).Select(x => (x.s, x.Item2!));

    private static int Users(StageResult s) => (int)s.Stage.To;

    public static (double?, string) SuccessUpTo100(RunRecord r)
    {
        var within = Stages(r).Where(s => Users(s.Stage) <= GuideUserLimit).ToList();
        if (within.Count == 0) return (null, "no ramp stage with requests");
        var ok = within.Sum(s => s.Stats.Ok);
        var all = within.Sum(s => s.Stats.Requests);
        var worst = within.MinBy(s => s.Stats.SuccessRate);
        return (100.0 * ok / all, $"{ok} of {all} uploads succeeded in the stages up to {Math.Min(GuideUserLimit, within.Max(s => Users(s.Stage)))} users; worst stage {worst.Stage.Stage.Name}: {worst.Stats.SuccessRate:P1}");
    }

    public static Observation Degradation(RunRecord r)
    {
        var stages = Stages(r).Where(s => Users(s.Stage) <= GuideUserLimit).ToList();
        if (stages.Count < 2) return (null, "fewer than two ramp stages with requests");
        var baseline = stages[0].Stats.Latency;
        var worst = stages.Skip(1).MaxBy(s => s.Stats.Latency.P95);
        var increase = Math.Max(0, IncreasePercent(baseline.P95, worst.Stats.Latency.P95));
        // Each p95 from a stage's samples is uncertain: the increase ranges from the worst stage's lowest plausible p95
        // over the baseline's highest to the other way round.
        var (worstLow, worstHigh) = Percentiles.P95Interval(worst.Stats.Latency);
        var (baseLow, baseHigh) = Percentiles.P95Interval(baseline);
        return new Observation(increase, $"baseline p95 {baseline.P95:0} ms at {stages[0].Stage.Stage.Name}; worst p95 {worst.Stats.Latency.P95:0} ms at {worst.Stage.Stage.Name}" +
                                         $" ({baseline.Count} and {worst.Stats.Latency.Count} uploads)" +
                                         (baseline.P95 < BaselineFloorMs ? $" (increase measured against {BaselineFloorMs:0} ms, the floor for fast baselines)" : ""))
        {
            Interval = (Math.Max(0, IncreasePercent(baseHigh, worstLow)), Math.Max(0, IncreasePercent(baseLow, worstHigh))),
        };
    }

    /// <summary>The first stage where success drops below 95 %, p95 rises 50 % over the baseline, the queue reaches 1000, CPU 80 % or memory 85 %.</summary>
    public static BreakingPoint BreakingPoint(RunRecord r)
    {
        var stages = Stages(r).ToList();
        if (stages.Count == 0) return new("no ramp stage with requests", null, null, null);
        var baseline = stages[0].Stats.Latency.P95;
        foreach (var (stage, stats) in stages)
        {
            var (from, to) = (stage.Stage.Start.TotalSeconds, stage.Stage.End.TotalSeconds);
            double? Peak(string probe, string key) => r.Infrastructure.Values(probe, key).Where(v => v.T >= from && v.T < to).Select(v => (double?)v.Value).Max();
            var broke = new List<string>();
            if (stats.SuccessRate < 0.95) broke.Add($"success rate {stats.SuccessRate:P1}");
            if (IncreasePercent(baseline, stats.Latency.P95) > 50) broke.Add($"p95 {stats.Latency.P95:0} ms, +{IncreasePercent(baseline, stats.Latency.P95):0} % over the baseline {baseline:0} ms");
            if (Peak("redis", "queue_depth") is >= 1000 and var q) broke.Add($"queue depth {q:0}");
            if (TargetResources.PeakBetween(r, "cpu", from, to) is >= 80 and var cpu) broke.Add($"the target's CPU {cpu:0} %");
            if (TargetResources.PeakBetween(r, "memory", from, to) is >= 85 and var mem) broke.Add($"the target's memory {mem:0} %");
            if (broke.Count > 0) return new($"breaking point at {stage.Stage.Name} (from {from:0} s): {string.Join("; ", broke)}", stage.Stage.Name, Users(stage), from);
        }
        return new($"no breaking point up to {stages[^1].Stage.Stage.Name}", null, null, null);
    }
}

/// <summary>Where the ramp broke (Stage, Users and FromSeconds are null when it did not), with a sentence saying why.</summary>
public sealed record BreakingPoint(string Summary, string? Stage, int? Users, double? FromSeconds)
{
    public override string ToString() => Summary;
}
