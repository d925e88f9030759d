using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// One run of the specification against a deployment (an embedded stack started apart, named by its
/// settings) as a CI job would make it: BASE_URL carrying a password, the guide's Redis flush asked
/// for, a GitHub job summary to fill. Each test reads what that one run left.
/// </summary>
public sealed class DeploymentRunTests : EmbeddedStackFixture
{
    private const string Password = "distinctive-pw-5521";
    private const string Marker = "not-the-suites:marker";
    private SpecOutcome _run = null!;
    private string _summary = "";
    private bool _markerSurvived;

    protected override async Task OnStartedAsync()
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{Stack.Settings["REDIS_HOST"]}:{Stack.Settings["REDIS_PORT"]}"))
            await redis.GetDatabase().StringSetAsync(Marker, "left before the run");
        var summary = Path.GetTempFileName();
        var settings = Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["BASE_URL"] = new UriBuilder(Stack.Settings["BASE_URL"]) { UserName = "ops", Password = Password }.Uri.ToString();
        settings["DURATION"] = "5s";
        settings["FLUSH_REDIS_BEFORE_RUN"] = "true";
        settings["GITHUB_STEP_SUMMARY"] = summary;
        _run = await SpecRun.RunAsync("checklist|Category=uploads|Category=presign", settings, null, TimeSpan.FromMinutes(5));
        _summary = await File.ReadAllTextAsync(summary);
        File.Delete(summary);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{Stack.Settings["REDIS_HOST"]}:{Stack.Settings["REDIS_PORT"]}"))
            _markerSurvived = await redis.GetDatabase().KeyExistsAsync(Marker);
    }

    [Test]
    public void A_password_in_the_base_url_appears_in_no_report_and_no_output()
    {
        Assert.That(_run.Results.GetProperty("tests").GetArrayLength(), Is.EqualTo(2), "both tests ran against the deployment\n" + _run.Run.Output);
        Assert.That(_run.Files, Does.Contain("presign.log").And.Contain("living-doc.html"));
        Assert.That(_run.EveryReport, Does.Not.Contain(Password), "no file of the run folder holds the password");
        Assert.That(_run.Run.Output + _summary, Does.Not.Contain(Password), "neither the console output nor the job summary shows it");
        Assert.That(_run.EveryReport, Does.Contain("ops:****@127.0.0.1"), "the URL is still shown, its password masked");
    }

    [Test]
    public void The_guides_redis_flush_empties_the_deployments_redis_before_the_first_test()
    {
        Assert.That(_markerSurvived, Is.False, "a key left before the run is gone");
        Assert.That(_run.Results.GetProperty("preparation").GetString(), Does.StartWith("Redis database at 127.0.0.1:").And.EndWith("flushed (FLUSH_REDIS_BEFORE_RUN)"));
        Assert.That(_run.Run.Output, Does.Contain("before the first test: Redis database at"));
    }

    [Test]
    public void The_living_doc_shows_each_guide_tests_charts_in_its_scenario()
    {
        var images = System.Text.RegularExpressions.Regex.Count(_run.EveryReport, "\"mediaType\":\"image/png\"");
        Assert.That(images, Is.GreaterThanOrEqualTo(4), "at least the percentiles and the throughput chart of each of the two tests");
        Assert.That(_run.EveryReport, Does.Contain("\"fileName\":\"uploads 1 - response time percentiles per second.png\"")
            .And.Contain("\"fileName\":\"presign 2 - requests and errors per second, with active users.png\""));
    }

    [Test]
    public void The_job_summary_holds_the_sign_off_once_after_several_checkpoints()
    {
        var copies = _summary.Split("# MangaMotion release sign-off:").Length - 1;
        Assert.That(copies, Is.EqualTo(1), _summary);
        Assert.That(_summary.TrimEnd(), Does.EndWith(_run.SignoffMarkdown.TrimEnd()), "the final sign-off, not a checkpoint's");
    }
}
