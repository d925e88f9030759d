using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.GuidePlans;

/// <summary>What a guide test's plan is given: the run's journeys, the ledger of the jobs it creates, the polling budget.</summary>
public sealed record PlanInputs(MangaMotionJourneys Journeys, JobLedger Ledger, TimeSpan PollBudget);

/// <summary>
/// One guide test's plan: which of a profile's sizes it applies, and the load model and journey that
/// apply it. One file per test, registered by its id in <see cref="GuideTestPlans"/>.
/// </summary>
public interface IGuideTestPlan
{
    TestSize SizeIn(LoadProfile profile);

    (LoadModel Model, Journey Journey) Load(TestSize size, PlanInputs inputs);
}

/// <summary>The guide's tests by id; a test the registry does not know is refused naming the known ones.</summary>
public static class GuideTestPlans
{
    private static readonly Dictionary<string, IGuideTestPlan> Plans = new()
    {
        [GuideTest.Uploads] = new UploadsPlan(), [GuideTest.Presign] = new PresignPlan(),
        [GuideTest.Worker] = new WorkerPlan(), [GuideTest.Bottleneck] = new BottleneckPlan(),
    };

    public static IGuideTestPlan For(string test) => Plans.TryGetValue(test, out var plan) ? plan
        : throw new ArgumentException($"'{test}' is not a guide test; known: {string.Join(", ", Plans.Keys)}");
}
