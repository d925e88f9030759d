using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.GuidePlans;

/// <summary>Guide test 4: uploads ramped up step by step (INITIAL_USERS to MAX_USERS by RAMP_UP_STEP every STEP_DURATION).</summary>
public sealed class BottleneckPlan : IGuideTestPlan
{
    /// <summary>How long running uploads may finish after the ramp's last step.</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(30);

    public TestSize SizeIn(LoadProfile profile) => profile.Bottleneck;

    public (LoadModel Model, Journey Journey) Load(TestSize size, PlanInputs inputs) =>
        (RampingUsers.Stepwise(size.InitialUsers, size.MaxUsers, size.RampUpStep, size.StepDuration, GracefulStop), inputs.Journeys.Uploads(inputs.Ledger));
}
