namespace MangaMotion.Acceptance.Load.Models;

/// <summary>A setting of a workload model that cannot run, and what would be accepted.</summary>
public sealed record PlanError(string Setting, string Problem)
{
    public override string ToString() => $"{Setting}: {Problem}";
}

public sealed class InvalidPlanException(string model, IReadOnlyList<PlanError> errors)
    : Exception($"The {model} plan cannot run: " + string.Join("; ", errors))
{
    public IReadOnlyList<PlanError> Errors { get; } = errors;
}
