namespace MangaMotion.Acceptance.Load.Models;

/// <summary>Closed model: a fixed number of virtual users loop the journey for a duration (k6 constant-vus).</summary>
public sealed record ConstantUsers(int Users, TimeSpan Duration, TimeSpan? GracefulStop = null) : LoadModel
{
    public override string Kind => "constant users";

    public override IEnumerable<PlanError> Validate() =>
        CheckUsers("users", Users).Concat(CheckDuration("duration", Duration)).Concat(CheckDuration("gracefulStop", GracefulStop ?? TimeSpan.Zero, allowZero: true));

    protected override LoadPlan BuildPlan() =>
        new(Kind, false, Duration, Place(Users, [new Stage(Duration, Users, $"{Users} users")], "users"), Users,
            GracefulStop ?? TimeSpan.FromSeconds(30), $"{Users} users for {Duration}");
}
