using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Settings;

public sealed class SettingsReaderTests
{
    private static SuiteSettings Read(params (string Name, string Value)[] values) =>
        SettingsReader.Read(values.ToDictionary(v => v.Name, v => (string?)v.Value));

    private static InvalidSettingsException Refused(params (string Name, string Value)[] values) =>
        Assert.Throws<InvalidSettingsException>(() => Read(values))!;

    [Test]
    public void Nothing_set_gives_the_guides_defaults_and_the_embedded_stack()
    {
        var s = Read();
        Assert.Multiple(() =>
        {
            Assert.That(s.Profile, Is.EqualTo("smoke"));
            Assert.That(s.UsesEmbeddedStack, Is.True);
            Assert.That(s.ConcurrentUsers, Is.EqualTo(50));
            Assert.That(s.MaxPollAttempts, Is.EqualTo(60));
            Assert.That(s.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That((s.InitialUsers, s.MaxUsers, s.RampUpStep), Is.EqualTo((10, 200, 10)));
            Assert.That(s.StepDuration, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(s.FileSizeKb, Is.Null);
            Assert.That(s.Postgres, Is.EqualTo(new PostgresSettings("localhost", 5432, "mmuser", null, "mangamotion")));
            Assert.That(s.Redis.QueueKey, Is.EqualTo("ai-job:queue"));
            Assert.That(s.S3, Is.EqualTo(new S3Settings(new Uri("http://localhost:9000"), "minioadmin", "minioadmin", "mm-bucket")));
        });
    }

    [Test]
    public void Values_from_the_environment_are_used_and_marked_as_such()
    {
        var s = Read(("BASE_URL", "http://127.0.0.1:3000"), ("VUS", "5"), ("DURATION", "1m30s"), ("QUEUE_KEY", "bull:ai-job:wait"));
        Assert.That(s.BaseUrl, Is.EqualTo(new Uri("http://127.0.0.1:3000")));
        Assert.That(s.Vus, Is.EqualTo(5));
        Assert.That(s.Duration, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(s.Redis.QueueKey, Is.EqualTo("bull:ai-job:wait"));
        Assert.That(s.Values.Single(v => v.Name == "VUS").FromEnvironment, Is.True);
        Assert.That(s.Values.Single(v => v.Name == "MAX_USERS").FromEnvironment, Is.False);
    }

    [TestCase("FILE_SIZE_KB", "-5", "is out of range")]
    [TestCase("FILE_SIZE_KB", "1.5", "is not a whole number")]
    [TestCase("CONCURRENT_USERS", "0", "is out of range")]
    [TestCase("BASE_URL", "ftp://host", "is not an http(s) URL")]
    [TestCase("BASE_URL", "localhost:3000", "is not an http(s) URL")]
    [TestCase("STEP_DURATION", "two minutes", "is not a duration")]
    [TestCase("STEP_DURATION", "0s", "must be longer than zero")]
    [TestCase("PROFILE", "huge", "is not a known value")]
    [TestCase("REDIS_PORT", "70000", "is out of range")]
    public void A_value_that_cannot_be_used_is_refused_naming_the_setting(string name, string value, string problem)
    {
        var error = Refused((name, value)).Errors.Single();
        Assert.That((error.Name, error.Problem), Is.EqualTo((name, problem)));
        Assert.That(error.Accepted, Is.Not.Empty);
    }

    [Test]
    public void Every_problem_is_reported_at_once_in_one_message()
    {
        var e = Refused(("VUS", "lots"), ("DURATION", "forever"), ("INITIAL_USERS", "-1"));
        Assert.That(e.Errors.Select(x => x.Name), Is.EquivalentTo(new[] { "VUS", "DURATION", "INITIAL_USERS" }));
        Assert.That(e.Message, Does.Contain("nothing was run").And.Contain("VUS=lots: is not a whole number; accepted: a whole number from 1 to 10000"));
    }

    [Test]
    public void Max_users_below_initial_users_is_refused_with_the_range_that_would_work()
    {
        var error = Refused(("INITIAL_USERS", "50"), ("MAX_USERS", "20")).Errors.Single();
        Assert.That(error.ToString(), Is.EqualTo("MAX_USERS=20: must not be below INITIAL_USERS (50); accepted: a whole number from 50 to 10000"));
    }

    [Test]
    public void Secrets_are_masked_in_values_and_in_refusals()
    {
        var s = Read(("S3_SECRET_KEY", "hunter2"), ("POSTGRES_PASSWORD", "pw"));
        Assert.That(s.Values.Single(v => v.Name == "S3_SECRET_KEY").Shown, Is.EqualTo("****"));
        Assert.That(s.Values.Single(v => v.Name == "POSTGRES_PASSWORD").Shown, Is.EqualTo("****"));
        Assert.That(s.S3.SecretKey, Is.EqualTo("hunter2"), "the value itself is kept for use");
        Assert.That(SettingsCatalog.S3SecretKey.Shown("hunter2"), Is.EqualTo("****"));
    }

    [Test]
    public void Blank_values_count_as_unset()
    {
        Assert.That(Read(("BASE_URL", "  "), ("CONCURRENT_USERS", "")).UsesEmbeddedStack, Is.True);
    }

    [Test]
    public void Job_states_cover_bullmq_and_the_usual_synonyms_and_can_be_set()
    {
        var states = Read().JobStates;
        Assert.That(new[] { "completed", "done", "success" }.Select(states.Of), Has.All.EqualTo(JobState.Done));
        Assert.That(new[] { "failed", "error" }.Select(states.Of), Has.All.EqualTo(JobState.Failed));
        Assert.That(new[] { "waiting", "active", "queued", "pending", "processing", "running", "delayed", "prioritized" }.Select(states.Of), Has.All.EqualTo(JobState.Pending));
        Assert.That((states.Of("not_found"), states.Of("exploded"), states.Of(null)), Is.EqualTo((JobState.Gone, JobState.Unrecognised, JobState.Unrecognised)));
        var custom = Read(("JOB_STATES_DONE", "ok, Finished"), ("JOB_STATES_PENDING", "in-progress")).JobStates;
        Assert.That((custom.Of("OK"), custom.Of("in-progress"), custom.Of("completed")), Is.EqualTo((JobState.Done, JobState.Pending, JobState.Unrecognised)));
    }

    [TestCase("JOB_STATES_FAILED", "failed,completed", "JOB_STATES_FAILED")]
    [TestCase("JOB_STATES_PENDING", "waiting,not_found", "JOB_STATES_PENDING")]
    [TestCase("QUEUE_KIND", "kafka", "QUEUE_KIND")]
    [TestCase("STACK_FLAVOR", "celery", "STACK_FLAVOR")]
    [TestCase("QUEUE_DRAIN_WAIT", "a while", "QUEUE_DRAIN_WAIT")]
    public void Queue_and_job_settings_that_cannot_be_used_are_refused_by_name(string name, string value, string refused) =>
        Assert.That(Refused((name, value)).Errors.Select(e => e.Name), Has.Member(refused));
}
