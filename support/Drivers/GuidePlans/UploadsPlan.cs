using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.GuidePlans;

/// <summary>Guide test 1: a fixed number of users uploading pages (multipart POST), each upload a job followed to its fate.</summary>
public sealed class UploadsPlan : IGuideTestPlan
{
    public TestSize SizeIn(LoadProfile profile) => profile.Uploads;

    public (LoadModel Model, Journey Journey) Load(TestSize size, PlanInputs inputs) =>
        (new ConstantUsers(size.Users, size.Duration), inputs.Journeys.Uploads(inputs.Ledger));
}
