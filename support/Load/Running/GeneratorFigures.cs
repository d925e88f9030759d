using System.Globalization;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// What the load generator saw of itself during one test, and whether it was saturated: then every
/// latency it measured includes its own delay, and the reasons say which limit was passed.
/// </summary>
public sealed record GeneratorFigures(
    double? CpuMedian, double? CpuMax, int CpuSamples,
    double TimerLateP95Ms, double TimerLateMaxMs, long TimerSamples,
    double? ArrivalLateP95Ms, long Arrivals, long DroppedArrivals, int Cores)
{
    public bool Saturated => Reasons.Count > 0;
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The whole machine's busy share for the median second (every process); null off Linux.</summary>
    public double? MachineCpuMedian { get; init; }

    /// <summary>
    /// The machine was nearly full: the generator's threads waited for a core now and then, which reaches the
    /// latencies' tail (p99) before its timers' p95. Said beside the figures, not a saturation: the
    /// generator's own limits were kept, and a machine shared with the target or a neighbour is common.
    /// </summary>
    public bool Crowded => MachineCpuMedian >= MachineCpu.CrowdedPercent;

    /// <summary>Saturated or not, in one sentence for a log or the living doc.</summary>
    public string State() => Saturated
        ? $"load generator saturated: {string.Join("; ", Reasons)}; latencies include its own delay"
        : $"load generator not saturated ({Describe()})";

    public string Describe()
    {
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var parts = new List<string>();
        if (CpuMedian is { } median) parts.Add($"suite process CPU median {F(median)} % of {Cores} cores (max {F(CpuMax ?? median)} %)");
        if (MachineCpuMedian is { } machine)
            parts.Add($"machine CPU median {F(machine)} %{(Crowded ? " (crowded: other processes shared the cores, so tail latencies may include waiting for one)" : "")}");
        parts.Add($"timer lateness p95 {F(TimerLateP95Ms)} ms (max {F(TimerLateMaxMs)} ms, {TimerSamples} timers)");
        if (ArrivalLateP95Ms is { } arrival) parts.Add($"arrivals started p95 {F(arrival)} ms late ({Arrivals} arrivals)");
        if (DroppedArrivals > 0) parts.Add($"{DroppedArrivals} arrivals dropped (every slot busy: a slow target or a starved generator)");
        return string.Join("; ", parts);
    }
}

/// <summary>
/// Where the generator counts as saturated. CPU: 90 % of all cores for the median second, Locust's
/// warning level; past it the process competes with itself and with the target for the cores. Lateness:
/// 50 ms at the 95th percentile of the pool's timers or the open model's arrival starts, 5 % of the
/// guide's strictest latency threshold (presign P95 &lt; 1 s), so that the generator's own delay cannot
/// move a latency verdict by more than that share.
/// </summary>
public sealed record GeneratorLimits(double CpuPercent, double LateMs)
{
    public static readonly GeneratorLimits Default = new(90, 50);

    public GeneratorFigures Judge(GeneratorFigures f)
    {
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var reasons = new List<string>();
        if (f.CpuMedian is { } cpu && cpu >= CpuPercent)
            reasons.Add($"the suite process used a median {F(cpu)} % of all cores (limit {F(CpuPercent)} %)");
        if (f.TimerSamples >= 20 && f.TimerLateP95Ms >= LateMs)
            reasons.Add($"its timers fired {F(f.TimerLateP95Ms)} ms late at p95 (limit {F(LateMs)} ms): the machine or its own work starved it");
        if (f.Arrivals >= 20 && f.ArrivalLateP95Ms is { } late && late >= LateMs)
            reasons.Add($"open-model arrivals started {F(late)} ms late at p95 (limit {F(LateMs)} ms)");
        return f with { Reasons = reasons };
    }
}
