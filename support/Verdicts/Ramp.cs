using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Reading the bottleneck ramp stage by stage: success up to the scenario's "up to N users", degradation
/// of p95 against the first stage (the baseline), and the breaking point: the first stage where one of
/// the limits the scenario states (<see cref="RampLimits"/>) breaks. No limit of its own.
/// </summary>
public static class Ramp
{
    /// <summary>Increases are measured against the baseline or this floor, whichever is larger (<see cref="JudgingTolerances.BaselineFloorMs"/>).</summary>
    public const double BaselineFloorMs = JudgingTolerances.BaselineFloorMs;

    public static double IncreasePercent(double baselineMs, double ms) => (ms - baselineMs) / Math.Max(baselineMs, BaselineFloorMs) * 100;
    private const string Step = JourneySteps.Upload;

    private static IEnumerable<(StageResult Stage, StepStats Stats)> Stages(GuideTestRecord r) =>
        r.Load.StageSteps.Select(s => (s, s.Steps.FirstOrDefault(x => x.Step == Step))).Where(x => x.Item2 is { Requests: > 0 }).Select(x => (x.s, x.Item2!));

    private static int Users(StageResult s) => (int)s.Stage.To;

    private static List<(StageResult Stage, StepStats Stats)> UpTo(GuideTestRecord r, int? users) =>
        Stages(r).Where(s => users is not { } limit || Users(s.Stage) <= limit).ToList();

    /// <param name="upToUsers">the scenario's "up to N users"; null counts every stage</param>
    public static (double?, string) SuccessUpTo(GuideTestRecord r, int? upToUsers)
    {
        var within = UpTo(r, upToUsers);
        if (within.Count == 0) return (null, upToUsers is { } n ? $"no ramp stage of at most {n} users with requests" : "no ramp stage with requests");
        var ok = within.Sum(s => s.Stats.Ok);
        var all = within.Sum(s => s.Stats.Requests);
        var worst = within.MinBy(s => s.Stats.SuccessRate);
        return (100.0 * ok / all, $"{ok} of {all} uploads succeeded in the stages up to {within.Max(s => Users(s.Stage))} users; worst stage {worst.Stage.Stage.Name}: {worst.Stats.SuccessRate:P1}");
    }

    public static Observation Degradation(GuideTestRecord r, int? upToUsers)
    {
        var stages = UpTo(r, upToUsers);
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

    /// <summary>
    /// The first stage (up to the limits' user count) where one of the scenario's per-stage limits does not
    /// hold: success rate, p95 increase over the first stage, queue depth, the target's CPU or memory.
    /// </summary>
    public static BreakingPoint BreakingPoint(GuideTestRecord r, RampLimits limits)
    {
        var stages = UpTo(r, limits.UpToUsers);
        if (stages.Count == 0) return new("no ramp stage with requests", null, null, null);
        var perStage = limits.Rows.Where(c => StageReading.ContainsKey(c.Id)).ToList();
        if (perStage.Count == 0)
            return new($"not judged: no scenario of this run stated a per-stage limit for the ramp ({string.Join(", ", StageReading.Keys)})", null, null, null);
        var baseline = stages[0].Stats.Latency;
        (StageResult Stage, StageWindow Window, List<string> Broke)? first = null;
        foreach (var (stage, stats) in stages)
        {
            var window = new StageWindow(r, stage, stats, baseline);
            var broke = perStage.Select(c => (Criterion: c, Reading: StageReading[c.Id](window)))
                .Where(x => x.Reading is { } v && !x.Criterion.IsMetBy(v.Value)).ToList();
            if (broke.Count == 0) continue;
            // A break the stage's own sampling noise could explain is named as such; the first certain one is named too.
            var certain = broke.Any(x => Doubt.GetValueOrDefault(x.Criterion.Id) is not { } doubt || !x.Criterion.IsMetBy(doubt(window)));
            var words = broke.Select(x => $"{x.Reading!.Value.Text} (limit: {x.Criterion.Threshold}" +
                (Doubt.GetValueOrDefault(x.Criterion.Id) is { } d && x.Criterion.IsMetBy(d(window)) ? $"; within the stage's sampling noise: it could be {Format(d(window), x.Criterion)})" : ")")).ToList();
            first ??= (stage, window, words);
            if (!certain) continue;
            var at = $"at {stage.Stage.Name} (from {window.From:0} s): {string.Join("; ", words)}";
            return first.Value.Stage == stage
                ? new($"breaking point {at}", stage.Stage.Name, Users(stage), window.From) { CertainUsers = Users(stage) }
                : new($"breaking point at {first.Value.Stage.Stage.Name} (from {first.Value.Window.From:0} s): {string.Join("; ", first.Value.Broke)}; first certain break {at}",
                    first.Value.Stage.Stage.Name, Users(first.Value.Stage), first.Value.Window.From) { CertainUsers = Users(stage) };
        }
        if (first is { } uncertain)
            return new($"breaking point at {uncertain.Stage.Stage.Name} (from {uncertain.Window.From:0} s): {string.Join("; ", uncertain.Broke)}; no break the stages' sampling noise cannot explain up to {stages[^1].Stage.Stage.Name}",
                uncertain.Stage.Stage.Name, Users(uncertain.Stage), uncertain.Window.From);
        return new($"no breaking point up to {stages[^1].Stage.Stage.Name}", null, null, null);
    }

    private static string Format(double value, Criterion c) => $"{value:0.#}{(c.Unit == "%" ? " %" : " " + c.Unit)}";

    private sealed record StageWindow(GuideTestRecord Record, StageResult Stage, StepStats Stats, LatencySummary Baseline)
    {
        public double BaselineP95 => Baseline.P95;
        public double From => Stage.Stage.Start.TotalSeconds;
        public double To => Stage.Stage.End.TotalSeconds;
        public double? Peak(string probe, string key) => Record.Infrastructure.Values(probe, key).Where(v => v.T >= From && v.T < To).Select(v => (double?)v.Value).Max();
    }

    /// <summary>
    /// For a reading from samples, its most favourable end within the stage's 95 % sampling interval (base
    /// unit): the lowest increase the two P95s allow, the highest success rate. Peaks read from probes have none.
    /// </summary>
    private static readonly Dictionary<string, Func<StageWindow, double>> Doubt = new()
    {
        [CriterionIds.BottleneckDegradation] = w => IncreasePercent(Percentiles.P95Interval(w.Baseline).High, Percentiles.P95Interval(w.Stats.Latency).Low),
        [CriterionIds.BottleneckSuccessRate] = w =>
        {
            double n = w.Stats.Requests, p = w.Stats.SuccessRate, z = 1.96;
            return n == 0 ? 100 : 100 * (p + z * z / (2 * n) + z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n);
        },
    };

    /// <summary>Each per-stage criterion's reading of one stage, in the criterion's base unit, with the words for the report.</summary>
    private static readonly Dictionary<string, Func<StageWindow, (double Value, string Text)?>> StageReading = new()
    {
        [CriterionIds.BottleneckSuccessRate] = w => (w.Stats.SuccessRate * 100, $"success rate {w.Stats.SuccessRate:P1}"),
        [CriterionIds.BottleneckDegradation] = w =>
        {
            var up = IncreasePercent(w.BaselineP95, w.Stats.Latency.P95);
            return (up, $"p95 {w.Stats.Latency.P95:0} ms, +{up:0} % over the baseline {w.BaselineP95:0} ms");
        },
        [CriterionIds.BottleneckQueueDepth] = w => w.Peak(ProbeNames.Redis, QueueMeasurements.Depth) is { } q ? (q, $"queue depth {q:0}") : null,
        [CriterionIds.BottleneckCpu] = w => TargetResources.PeakBetween(w.Record, "cpu", w.From, w.To) is { } cpu ? (cpu, $"the target's CPU {cpu:0} %") : null,
        [CriterionIds.BottleneckMemory] = w => TargetResources.PeakBetween(w.Record, "memory", w.From, w.To) is { } mem ? (mem, $"the target's memory {mem:0} %") : null,
    };
}

/// <summary>
/// The ramp's limits as a scenario states them: "up to N users" (null: every stage) and the rows of its
/// criteria table, parsed. The breaking point is judged against these, never against numbers of its own.
/// </summary>
public sealed record RampLimits(int? UpToUsers, IReadOnlyList<Criterion> Rows);

