using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Drivers.GuidePlans;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>Each guide test's plan, beside the others: the profile's size it applies and the load model that applies it.</summary>
public sealed class GuidePlansTests
{
    private static readonly LoadProfile Smoke = LoadProfile.For(SettingsReader.Read(new Dictionary<string, string?>()));

    private static LoadModel ModelOf(string test, TimeSpan pollBudget)
    {
        using var http = new HttpClient();
        var journeys = new MangaMotionJourneys(http, new Uri("http://127.0.0.1:9/"),
            new JourneyOptions("mm-test-", 100, TimeSpan.FromSeconds(1), 3, TimeSpan.FromSeconds(1), SettingsReader.Read(new Dictionary<string, string?>()).JobStates), new());
        var plan = GuideTestPlans.For(test);
        return plan.Load(plan.SizeIn(Smoke), new PlanInputs(journeys, new JobLedger(60), pollBudget)).Model;
    }

    [TestCase(GuideTest.Uploads, 5)]
    [TestCase(GuideTest.Presign, 4)]
    [TestCase(GuideTest.Worker, 3)]
    public void A_fixed_load_test_applies_its_own_size_of_the_profile(string test, int users) =>
        Assert.That(ModelOf(test, TimeSpan.FromSeconds(40)), Is.InstanceOf<ConstantUsers>().With.Property(nameof(ConstantUsers.Users)).EqualTo(users));

    [Test]
    public void The_worker_test_lets_its_last_jobs_be_followed_for_the_whole_polling_budget() =>
        Assert.That(((ConstantUsers)ModelOf(GuideTest.Worker, TimeSpan.FromSeconds(77))).GracefulStop, Is.EqualTo(TimeSpan.FromSeconds(77)));

    [Test]
    public void The_bottleneck_test_ramps_the_profiles_users_step_by_step()
    {
        var ramp = (RampingUsers)ModelOf(GuideTest.Bottleneck, TimeSpan.Zero);
        Assert.That(ramp.StartUsers, Is.EqualTo(Smoke.Bottleneck.InitialUsers));
        Assert.That(ramp.Stages.Max(s => s.Target), Is.EqualTo(Smoke.Bottleneck.MaxUsers));
    }

    [Test]
    public void A_test_the_guide_does_not_have_is_refused_naming_the_known_ones() =>
        Assert.That(Assert.Throws<ArgumentException>(() => GuideTestPlans.For("soak"))!.Message, Does.Contain("uploads, presign, worker, bottleneck"));
}
