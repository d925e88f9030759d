using MangaMotion.Acceptance.Drivers.Pipeline;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>The guide test's stages one by one, in this process, against stand-ins for their neighbours (no deployment).</summary>
public sealed class PipelineStageTests
{
    private static SuiteSettings Settings(params (string Name, string Value)[] values) => SettingsReader.Read(values.ToDictionary(v => v.Name, v => (string?)v.Value));

    private static TargetEndpoints Nowhere(SuiteSettings s) => TargetEndpoints.FromSettings(s with { BaseUrl = new Uri("http://127.0.0.1:9/") });

    [Test]
    public async Task Prepare_says_what_it_did_and_touches_nothing_unless_asked()
    {
        var settings = Settings();
        var said = new List<string>();
        Assert.That(await PrepareStage.FlushRedisAsync(settings, Nowhere(settings), said.Add), Is.EqualTo("Redis not flushed (FLUSH_REDIS_BEFORE_RUN is off)"));
        Assert.That(said, Is.Empty, "nothing to say when nothing was asked");
    }

    [Test]
    public async Task Load_runs_the_journey_with_the_probes_sampling_beside_it_and_hands_both_on()
    {
        var settings = Settings();
        // Every probe skipped: the sampler runs with none, the load with a journey that needs no server.
        await using var probes = new ProbeSet(Nowhere(settings), "stage-test", new Dictionary<string, int>(), ProbeNames.All.Append(ProbeNames.Containers).ToHashSet());
        Journey journey = ctx => ctx.StepAsync(JourneySteps.Upload, _ => Task.FromResult(StepOutcome.Success(200, 0, 0)));
        var loaded = await LoadStage.RunAsync(new LoadRunOptions("uploads", new ConstantUsers(2, TimeSpan.FromSeconds(1)), journey), probes, CancellationToken.None);
        Assert.That(loaded.Result.Step(JourneySteps.Upload)!.Requests, Is.GreaterThan(0));
        Assert.That(loaded.Series.Samples, Is.Empty);
    }

    [Test]
    public void Collect_makes_the_tests_record_from_what_the_stages_produced()
    {
        var size = new TestSize(5, TimeSpan.FromSeconds(20), 100);
        var release = new TestSize(50, TimeSpan.FromMinutes(5), 100);
        var load = MangaMotion.Acceptance.Tests.Verdicts.Records.Of(GuideTest.Uploads, 20).Load;
        var backlog = new QueueBacklog(0, 12, 1.5, null);
        var record = CollectStage.Collect(GuideTest.Uploads, new AppliedSizes("smoke", size, release, release), new Loaded(load, new InfrastructureSeries([], 0)), null, backlog);
        Assert.That((record.TestId, record.Title, record.Applied, record.ReleaseWouldApply), Is.EqualTo((GuideTest.Uploads, "Concurrent uploads", $"smoke profile, {size.Describe()}", release.Describe())));
        Assert.That((record.AppliedSize, record.ReleaseSize, record.Backlog), Is.EqualTo((size, release, backlog)));
    }

    [Test]
    public async Task A_tests_log_masks_every_line_and_keeps_it_in_the_run_folder()
    {
        var folder = Directory.CreateTempSubdirectory("test-log-").FullName;
        try
        {
            var progress = new List<string>();
            await using (var log = TestLog.Open(folder, GuideTest.Uploads, progress.Add)) log.Say("against http://user:secret@127.0.0.1:3000/");
            Assert.That(progress.Single(), Does.Not.Contain("secret"));
            Assert.That(File.ReadAllText(Path.Combine(folder, "uploads.log")), Does.Contain("user:****@").And.Not.Contain("secret"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
