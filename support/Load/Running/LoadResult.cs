using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Thresholds;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>Everything one load run measured, as plain data for verdicts and reports.</summary>
public sealed record LoadResult(
    string Name,
    string Model,
    string Plan,
    DateTimeOffset StartedAt,
    TimeSpan PlannedDuration,
    TimeSpan ActualDuration,
    IReadOnlyList<PlannedStage> Stages,
    IReadOnlyList<StepStats> Steps,
    IReadOnlyList<StageResult> StageSteps,
    IterationCounts Iterations,
    IReadOnlyList<string> IterationErrors,
    IReadOnlyList<SecondSample> Series,
    IReadOnlyList<ThresholdResult> Thresholds,
    string? StoppedEarly)
{
    /// <summary>The generator's watch of itself during the run (null for results built without one).</summary>
    public GeneratorFigures? Generator { get; init; }

    /// <summary>The part of the load this result is (the whole load on one machine).</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>Every histogram behind the figures, encoded, when the run kept them for a merge.</summary>
    public IReadOnlyList<StepHistograms>? Histograms { get; init; }

    /// <summary>A merged result: each agent's share and figures (none for a single machine's result).</summary>
    public IReadOnlyList<AgentPart> Agents { get; init; } = [];

    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);

    public StepStats? Step(string name) => Steps.FirstOrDefault(s => s.Step == name);
}

/// <summary>
/// One agent's part of a merged result: its share of the load, its requests, its generator's state,
/// its clock's offset at the start barrier, or why it is missing.
/// </summary>
public sealed record AgentPart(int Index, string Share, long Requests, GeneratorFigures? Generator, double? ClockSkewMs, string? Missing = null);

/// <summary>One stage's measurements per step (e.g. one step of the bottleneck ramp).</summary>
public sealed record StageResult(PlannedStage Stage, IReadOnlyList<StepStats> Steps);
