using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>The verdict algebra of a run and whether it may sign a release off, from the load it really applied.</summary>
public sealed class SignOffEligibilityTests
{
    private static readonly string[] Guide = ["uploads", "presign", "worker", "bottleneck"];
    private static readonly TestSize Fixed = new(50, TimeSpan.FromMinutes(5), 100);
    private static readonly TestSize Ramp = new(0, TimeSpan.Zero, 100, 10, 200, 10, TimeSpan.FromMinutes(2));

    private static GuideTestRecord Test(string id, TestSize applied, TestSize release, GeneratorFigures? generator = null)
    {
        var r = Records.Of(id, applied.Duration.TotalSeconds);
        return r with { Load = r.Load with { Generator = generator }, AppliedSize = applied, ReleaseSize = release };
    }

    private static List<GuideTestRecord> ReleaseSized() =>
        [Test("uploads", Fixed, Fixed), Test("presign", Fixed, Fixed), Test("worker", Fixed, Fixed), Test("bottleneck", Ramp, Ramp)];

    private static readonly CriterionResult Passed = new("acceptance.1", "t", Verdict.Pass, 1, "", "", "");

    [Test]
    public void A_release_run_that_applied_the_release_load_and_measured_everything_is_eligible()
    {
        var e = SignOffEligibility.Judge("release", false, ReleaseSized(), [Passed], Guide);
        Assert.That(e.Eligible, Is.True, e.Describe());
        Assert.That(e.Describe(), Does.StartWith("eligible"));
    }

    [Test]
    public void A_release_run_with_shortened_durations_is_not_eligible_and_names_each_test_that_fell_short()
    {
        // PROFILE=release DURATION=30s STEP_DURATION=10s
        var shortFixed = Fixed with { Duration = TimeSpan.FromSeconds(30) };
        var tests = new List<GuideTestRecord>
        {
            Test("uploads", shortFixed, Fixed), Test("presign", shortFixed, Fixed), Test("worker", shortFixed, Fixed),
            Test("bottleneck", Ramp with { StepDuration = TimeSpan.FromSeconds(10) }, Ramp),
        };
        var e = SignOffEligibility.Judge("release", false, tests, [Passed], Guide);
        Assert.That(e.Eligible, Is.False);
        Assert.That(e.Reasons, Has.Some.Contains("uploads applied less than the release profile's load: duration 30s < 5m"));
        Assert.That(e.Reasons, Has.Some.Contains("bottleneck applied less than the release profile's load: step duration 10s < 2m"));
        Assert.That(e.Describe(), Does.StartWith("not eligible: "));
    }

    [Test]
    public void Fewer_users_or_a_lower_ramp_reach_fall_short_too()
    {
        Assert.That(SignOffEligibility.ShortOf(Fixed with { Users = 10 }, Fixed), Is.EqualTo(new[] { "users 10 < 50" }));
        Assert.That(SignOffEligibility.ShortOf(Ramp with { MaxUsers = 50 }, Ramp), Is.EqualTo(new[] { "ramp reach 50 < 200 users" }));
        Assert.That(SignOffEligibility.ShortOf(Fixed with { Users = 80, Duration = TimeSpan.FromMinutes(10) }, Fixed), Is.Empty, "more load than release is fine");
    }

    [Test]
    public void A_saturated_generator_an_unmeasured_criterion_a_smoke_profile_or_a_partial_run_each_make_it_ineligible()
    {
        var saturated = new GeneratorLimits(90, 50).Judge(new GeneratorFigures(95, 99, 30, 120, 400, 600, null, 0, 0, 2));
        var tests = ReleaseSized();
        tests[1] = Test("presign", Fixed, Fixed, saturated);
        var unmeasured = new CriterionResult("bottleneck.cpu", "CPU", Verdict.NotMeasured, null, "", "", "no source");
        var e = SignOffEligibility.Judge("release", false, tests, [Passed, unmeasured], Guide);
        Assert.That(e.Reasons, Has.Some.StartWith("the load generator was saturated during presign"));
        Assert.That(e.Reasons, Has.Some.Contains("bottleneck.cpu"));
        Assert.That(SignOffEligibility.Judge("smoke", false, ReleaseSized(), [Passed], Guide).Reasons, Has.Some.Contains("this was smoke"));
        Assert.That(SignOffEligibility.Judge("release", false, ReleaseSized().Take(2).ToList(), [Passed], Guide).Reasons, Has.Some.Contains("missing: worker, bottleneck"));
    }

    [TestCase(new[] { Verdict.Pass, Verdict.NotApplicable }, Verdict.Pass)]
    [TestCase(new[] { Verdict.NotApplicable }, Verdict.Pass)]
    [TestCase(new[] { Verdict.Pass, Verdict.NotMeasured }, Verdict.Warn)]
    [TestCase(new[] { Verdict.Pass, Verdict.Warn }, Verdict.Warn)]
    [TestCase(new[] { Verdict.NotMeasured, Verdict.Incomplete }, Verdict.Incomplete)]
    [TestCase(new[] { Verdict.Fail, Verdict.Incomplete, Verdict.NotMeasured }, Verdict.Fail)]
    public void The_run_fails_on_any_failure_and_passes_only_when_every_criterion_passed_or_did_not_apply(Verdict[] criteria, Verdict run) =>
        Assert.That(MangaMotion.Acceptance.Verdicts.Verdicts.OfRun(criteria), Is.EqualTo(run));

    [Test]
    public void The_generator_limits_are_90_percent_cpu_and_50_ms_lateness_over_enough_samples()
    {
        var limits = GeneratorLimits.Default;
        GeneratorFigures F(double cpu, double timerP95, long timers = 100, double? arrivalP95 = null, long arrivals = 0) =>
            limits.Judge(new GeneratorFigures(cpu, cpu, 10, timerP95, timerP95, timers, arrivalP95, arrivals, 0, 2));
        Assert.That(F(40, 3).Saturated, Is.False);
        Assert.That(F(91, 3).Reasons.Single(), Does.Contain("91 % of all cores"));
        Assert.That(F(40, 60).Reasons.Single(), Does.Contain("timers fired 60 ms late"));
        Assert.That(F(40, 60, timers: 5).Saturated, Is.False, "five timers are too few to judge");
        Assert.That(F(40, 3, arrivalP95: 80, arrivals: 500).Reasons.Single(), Does.Contain("arrivals started 80 ms late"));
    }
}
