using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.GuidePlans;

/// <summary>
/// Guide test 3: users creating jobs and polling each to its end. The graceful stop is the polling
/// budget, so that a job created in the last second is still followed to its fate.
/// </summary>
public sealed class WorkerPlan : IGuideTestPlan
{
    public TestSize SizeIn(LoadProfile profile) => profile.Worker;

    public (LoadModel Model, Journey Journey) Load(TestSize size, PlanInputs inputs) =>
        (new ConstantUsers(size.Users, size.Duration, inputs.PollBudget), inputs.Journeys.WorkerProcessing(inputs.Ledger));
}
