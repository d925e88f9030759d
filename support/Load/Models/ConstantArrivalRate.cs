namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// Open model: iterations start at a fixed rate whatever the system's response time (k6
/// constant-arrival-rate), using at most <see cref="MaxUsers"/> concurrent iterations; an arrival
/// that finds none free is dropped and counted.
/// </summary>
public sealed record ConstantArrivalRate(double RatePerSecond, TimeSpan Duration, int MaxUsers, TimeSpan? GracefulStop = null) : LoadModel
{
    public override string Kind => "constant arrival rate";

    public override IEnumerable<PlanError> Validate()
    {
        if (!(RatePerSecond > 0) || RatePerSecond > MaxRateCap)
            yield return new PlanError("rate", $"{RatePerSecond}/s is outside more than 0..{MaxRateCap}/s");
        foreach (var e in CheckDuration("duration", Duration).Concat(CheckUsers("maxUsers", MaxUsers))) yield return e;
    }

    protected override LoadPlan BuildPlan() =>
        new(Kind, true, Duration, Place(RatePerSecond, [new Stage(Duration, RatePerSecond, $"{RatePerSecond:0.##}/s")], "/s"),
            MaxUsers, GracefulStop ?? TimeSpan.FromSeconds(30), $"{RatePerSecond:0.##} arrivals/s for {Duration}, at most {MaxUsers} at once");
}
