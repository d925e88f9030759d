using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Settings;

public sealed class TargetSafetyTests
{
    private static SuiteSettings Read(params (string Name, string Value)[] values) =>
        SettingsReader.Read(values.ToDictionary(v => v.Name, v => (string?)v.Value));

    private static SettingError Refused(string setting, params (string, string)[] values)
    {
        var refused = Assert.Throws<InvalidSettingsException>(() => Read(values))!;
        return refused.Errors.Single(e => e.Name == setting);
    }

    [Test]
    public void Users_above_the_profiles_cap_are_refused_naming_the_setting_that_asked_for_them()
    {
        var vus = Refused("VUS", ("VUS", "80"));
        Assert.That(vus.Problem, Is.EqualTo("would run 80 virtual users, above the smoke profile's cap of 50"));
        Assert.That(vus.Accepted, Is.EqualTo("at most 50 under the smoke profile, or ALLOW_ABOVE_CAPS=true to lift the caps"));
        Assert.That(Refused("CONCURRENT_USERS", ("CONCURRENT_USERS", "51")).Problem, Does.Contain("51 virtual users"));
        Assert.That(Refused("MAX_USERS", ("MAX_USERS", "600"), ("PROFILE", "release")).Problem, Does.Contain("above the release profile's cap of 500"));
    }

    [Test]
    public void A_test_longer_than_the_cap_is_refused_and_the_ramp_counts_all_its_steps()
    {
        Assert.That(Refused("DURATION", ("DURATION", "11m")).Problem, Does.Contain("above the smoke profile's cap of 10m per test"));
        var ramp = Refused("STEP_DURATION", ("PROFILE", "release"), ("STEP_DURATION", "5m"));
        Assert.That(ramp.Problem, Does.Contain("the bottleneck ramp (20 steps)").And.Contain("cap of 1h30m"));
    }

    [Test]
    public void The_guides_own_release_sizes_are_within_the_release_caps()
    {
        Assert.DoesNotThrow(() => Read(("PROFILE", "release")));
        Assert.DoesNotThrow(() => Read());
    }

    [Test]
    public void Allow_above_caps_lifts_them_explicitly()
    {
        Assert.That(Read(("VUS", "80"), ("ALLOW_ABOVE_CAPS", "true")).Vus, Is.EqualTo(80));
    }

    [Test]
    public void The_release_profile_against_another_machine_needs_its_host_written_out()
    {
        var refused = Refused("CONFIRM_TARGET", ("PROFILE", "release"), ("BASE_URL", "https://staging.example.com"));
        Assert.That(refused.Accepted, Is.EqualTo("the host of BASE_URL written out: CONFIRM_TARGET=staging.example.com"));
        Assert.That(Refused("CONFIRM_TARGET", ("PROFILE", "release"), ("BASE_URL", "https://staging.example.com"), ("CONFIRM_TARGET", "prod.example.com")).Shown,
            Is.EqualTo("prod.example.com"));
        Assert.DoesNotThrow(() => Read(("PROFILE", "release"), ("BASE_URL", "https://staging.example.com"), ("CONFIRM_TARGET", "staging.example.com")));
        Assert.DoesNotThrow(() => Read(("PROFILE", "smoke"), ("BASE_URL", "https://staging.example.com")), "smoke is small enough to need no confirmation");
        Assert.DoesNotThrow(() => Read(("PROFILE", "release"), ("BASE_URL", "http://localhost:3000")));
        Assert.DoesNotThrow(() => Read(("PROFILE", "release"), ("BASE_URL", "http://127.0.0.1:3000")));
        Assert.DoesNotThrow(() => Read(("PROFILE", "release"), ("BASE_URL", "http://[::1]:3000")));
    }

    [Test]
    public void The_run_deadline_defaults_by_profile_and_must_be_positive()
    {
        Assert.That(TargetSafety.RunDeadline(Read()), Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(TargetSafety.RunDeadline(Read(("PROFILE", "release"))), Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(TargetSafety.RunDeadline(Read(("RUN_DEADLINE", "90s"))), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(Refused("RUN_DEADLINE", ("RUN_DEADLINE", "0s")).Problem, Is.EqualTo("must be longer than zero"));
    }
}
