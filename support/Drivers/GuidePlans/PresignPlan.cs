using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.GuidePlans;

/// <summary>Guide test 2: a fixed number of users asking for presigned URLs and putting pages straight to object storage.</summary>
public sealed class PresignPlan : IGuideTestPlan
{
    public TestSize SizeIn(LoadProfile profile) => profile.Presign;

    public (LoadModel Model, Journey Journey) Load(TestSize size, PlanInputs inputs) =>
        (new ConstantUsers(size.Users, size.Duration), inputs.Journeys.PresignUploads());
}
