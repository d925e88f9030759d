namespace MangaMotion.Acceptance.Load.Models;

/// <summary>Open model: the arrival rate follows stages (k6 ramping-arrival-rate); dropped arrivals are counted.</summary>
public sealed record RampingArrivalRate(double StartRate, IReadOnlyList<Stage> Stages, int MaxUsers, TimeSpan? GracefulStop = null) : LoadModel
{
    public override string Kind => "ramping arrival rate";

    public override IEnumerable<PlanError> Validate()
    {
        if (StartRate < 0 || StartRate > MaxRateCap) yield return new PlanError("startRate", $"{StartRate}/s is outside 0..{MaxRateCap}/s");
        foreach (var e in CheckStages(Stages, MaxRateCap, "/s").Concat(CheckUsers("maxUsers", MaxUsers))) yield return e;
    }

    protected override LoadPlan BuildPlan()
    {
        var placed = Place(StartRate, Stages, "/s");
        return new LoadPlan(Kind, true, placed[^1].End, placed, MaxUsers, GracefulStop ?? TimeSpan.FromSeconds(30),
            $"{StartRate:0.##} to {Stages.Max(s => s.Target):0.##} arrivals/s over {placed[^1].End}, at most {MaxUsers} at once");
    }
}
