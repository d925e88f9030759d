using HttpResults = Microsoft.AspNetCore.Http.Results;
using MangaMotion.Acceptance.Results;
using System.Collections.Concurrent;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>
/// The worker journey against deployments that answer job states their own way: finished jobs removed
/// (not_found, before or after the first poll), other state names, failures with reasons. Real HTTP on loopback.
/// </summary>
[NonParallelizable]
public sealed class JobFollowingTests
{
    private LoopbackServer _server = null!;
    private string _mode = "";
    private readonly ConcurrentDictionary<string, int> _polls = new();
    private long _next;

    [OneTimeSetUp]
    public async Task Start() => _server = await LoopbackServer.StartAsync(app =>
    {
        app.MapPost("/api/upload", () => HttpResults.Json(new { jobId = $"job-{Interlocked.Increment(ref _next)}" }));
        app.MapGet("/api/status/{id}", (string id) =>
        {
            var poll = _polls.AddOrUpdate(id, 1, (_, n) => n + 1);
            return _mode switch
            {
                "removed-after-completion" => HttpResults.Json(new { status = poll == 1 ? "waiting" : "not_found" }),
                "removed-before-first-poll" => HttpResults.Json(new { status = "not_found" }),
                "synonyms" => HttpResults.Json(new { status = poll == 1 ? "queued" : poll == 2 ? "processing" : "done" }),
                "errors" => HttpResults.Json(new { status = poll == 1 ? "running" : "error", failedReason = "page 3 is not an image" }),
                _ => HttpResults.Json(new { status = "stuck-somewhere" }),
            };
        });
    });

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private async Task<JobLedger> FollowAsync(string mode)
    {
        _mode = mode;
        using var http = new HttpClient();
        var options = new JourneyOptions("mm-acceptance-jobs", 1, TimeSpan.Zero, 4, TimeSpan.FromMilliseconds(30), JobStates.Default);
        var ledger = new JobLedger(0.12);
        var journeys = new MangaMotionJourneys(http, _server.BaseUrl, options, new ConcurrentQueue<string>());
        await LoadRun.RunAsync(new LoadRunOptions("jobs", new ConstantUsers(2, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2)), journeys.WorkerProcessing(ledger)));
        return ledger;
    }

    [TestCase("removed-after-completion")]
    [TestCase("removed-before-first-poll")]
    public async Task A_job_that_turns_not_found_has_ended_with_its_fate_unknown_never_failed(string mode)
    {
        var jobs = (await FollowAsync(mode)).Outcomes;
        Assert.That(jobs.Created, Is.GreaterThan(0));
        Assert.That((jobs.Failed, jobs.TimedOut, jobs.Completed), Is.EqualTo((0L, 0L, 0L)));
        Assert.That(jobs.FateUnknown, Is.EqualTo(jobs.Created));
    }

    [Test]
    public async Task The_api_counters_settle_unknown_fates_only_when_no_job_failed_anywhere()
    {
        var ledger = await FollowAsync("removed-after-completion");
        var gone = ledger.GoneIds.Count;
        static InfrastructureSeries Counters(double processed, double failed) => new(
            [new ProbeSample(0, "api", new Dictionary<string, double> { [JobFates.ProcessedCounter] = 100, [JobFates.FailedCounter] = 7 }, [], null, 1),
             new ProbeSample(9, "api", new Dictionary<string, double> { [JobFates.ProcessedCounter] = 100 + processed, [JobFates.FailedCounter] = 7 + failed }, [], null, 1)], 0);
        JobFates.ApplyCounters(ledger, Counters(gone + 5, failed: 1));
        Assert.That(ledger.Outcomes.FateUnknown, Is.EqualTo(gone), "a failure somewhere could be one of ours");
        JobFates.ApplyCounters(ledger, Counters(gone + 5, failed: 0));
        var jobs = ledger.Outcomes;
        Assert.That((jobs.Completed, jobs.FateUnknown, jobs.Witnessed), Is.EqualTo(((long)gone, 0L, (long)gone)));
        Assert.That(jobs.Witnesses.Single(), Does.StartWith("the API's counters"));
    }

    [Test]
    public async Task Other_state_names_are_read_through_the_job_states()
    {
        var done = (await FollowAsync("synonyms")).Outcomes;
        Assert.That((done.Completed, done.Failed, done.TimedOut), Is.EqualTo((done.Created, 0L, 0L)));
        var failed = (await FollowAsync("errors")).Outcomes;
        Assert.That((failed.Failed, failed.FailedReasons.Single()), Is.EqualTo((failed.Created, "page 3 is not an image")));
    }

    [Test]
    public async Task A_state_the_suite_does_not_know_is_reported_and_the_job_times_out()
    {
        var jobs = (await FollowAsync("unknown")).Outcomes;
        Assert.That(jobs.TimedOut, Is.EqualTo(jobs.Created));
        Assert.That(jobs.UnrecognisedStates, Is.EqualTo(new[] { "stuck-somewhere" }));
    }
}
