using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Thresholds;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>Everything one load run measured, as plain data for verdicts and reports.</summary>
public sealed record RunResult(
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

    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);

    public StepStats? Step(string name) => Steps.FirstOrDefault(s => s.Step == name);
}

/// <summary>One stage's measurements per step (e.g. one step of the bottleneck ramp).</summary>
public sealed record StageResult(PlannedStage Stage, IReadOnlyList<StepStats> Steps);
