using NUnit.Framework;
using MangaMotion.Acceptance.Stack;
using static MangaMotion.Acceptance.Tests.Specs.SpecRun;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// The suite proves its verdicts on a MangaMotion unlike the contract's happy path: BullMQ's keys and
/// events stream, finished jobs removed, no job counters in /api/metrics, no PostgreSQL in the request
/// path (the embedded stack's bullmq flavour, one per class, described to the run by its settings).
/// </summary>
public sealed class SuiteProvesItselfOnBullMqTests : FaultedStackRun
{
    protected override EmbeddedStackOptions Options => new EmbeddedStackOptions().ForFlavor("bullmq");

    [Test]
    public async Task A_bullmq_deployment_with_a_slow_worker_fails_the_worker_test_for_its_backlog_never_for_vanished_jobs()
    {
        // One worker at 2 s a job (0.5 jobs/s) behind the uploads test's ~5 jobs/s; a 15 s polling window.
        var results = await RunSuiteAsync("uploads|Category=presign|Category=worker", """{"workerDelayMs":2000}""",
            settings: new() { ["DURATION"] = "15s", ["QUEUE_DRAIN_WAIT"] = "5s", ["MAX_POLL_ATTEMPTS"] = "15" });
        Assert.That(new[] { "uploads.success_rate", "uploads.job_failure", "presign.success_rate", "presign.s3_success_rate" }.Select(id => Verdict(results, id)),
            Has.All.EqualTo("PASS"));
        // A latency tier depends on how busy the machine is (the stack shares it); only its failure would be wrong.
        Assert.That(Verdict(results, "uploads.p95"), Is.AnyOf("PASS", "WARN"));
        Assert.That(Verdict(results, "worker.job_success"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "worker.completion_p95"), Is.AnyOf("FAIL", "NOT_MEASURED"), "a 15 s window cannot show a P95 below 2 minutes");
        var worker = results.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "worker");
        Assert.That(worker.GetProperty("jobs").GetProperty("timedOut").GetInt64(), Is.GreaterThan(0));
        Assert.That(worker.GetProperty("backlog").GetProperty("behind").GetDouble(), Is.GreaterThan(0), "it started behind the uploads test's jobs, and says so");
        Assert.That(results.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "worker.job_success").GetProperty("evidence").GetString(),
            Does.Contain("started behind").And.Not.Contain("vanished"));
        var diagnosis = results.GetProperty("diagnoses").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "worker");
        Assert.That(diagnosis.GetProperty("symptoms").EnumerateArray().Select(s => s.GetString()), Has.Some.Contains("arrivals").And.Some.Contains("drained"));
        Assert.That(Kinds(results, "classifications"), Does.Not.Contain("client_error").And.Contain("job_timeout"));
    }

    [Test]
    public async Task A_bullmq_deployment_that_removes_finished_jobs_passes_the_worker_test_on_a_drained_queue()
    {
        var results = await RunSuiteAsync("worker", "", expectFailure: false);
        // A first run has no history to compare with: its regression rows are NOT_MEASURED (the run WARNs); every other criterion passes.
        var criteria = results.GetProperty("criteria").EnumerateArray().Select(c => (Id: c.GetProperty("id").GetString()!, Verdict: c.GetProperty("verdict").GetString())).ToList();
        Assert.That(criteria.Where(c => !c.Id.Contains(".regression.")).Select(c => c.Verdict), Is.All.EqualTo("PASS"), string.Join(", ", criteria));
        Assert.That(criteria.Where(c => c.Id.Contains(".regression.")).Select(c => c.Verdict), Is.All.EqualTo("NOT_MEASURED"));
        Assert.That(results.GetProperty("verdict").GetString(), Is.AnyOf("PASS", "WARN"));
        var jobs = results.GetProperty("tests")[0].GetProperty("jobs");
        Assert.That(jobs.GetProperty("completed").GetInt64(), Is.EqualTo(jobs.GetProperty("created").GetInt64()).And.GreaterThan(0));
        Assert.That(jobs.GetProperty("witnessed").GetInt64(), Is.EqualTo(jobs.GetProperty("completed").GetInt64()), "every job ended as not_found; the events stream said it completed");
        Assert.That(jobs.GetProperty("witnesses")[0].GetString(), Does.StartWith("BullMQ events of bull:ai-job"));
        Assert.That(Kinds(results, "classifications").Where(k => k != "slow"), Is.Empty, "no job outcome is an error (a busy machine may still answer an upload slowly)");
    }

    [Test]
    public async Task A_deployment_whose_application_never_uses_postgresql_makes_criterion_4_not_applicable()
    {
        var results = await RunSuiteAsync("criterion-4", "", expectFailure: false, settings: SuiteProvesItselfTests.ShortSteps);
        Assert.That(Verdict(results, "acceptance.4"), Is.EqualTo("NOT_APPLICABLE"));
        Assert.That(Verdict(results, "bottleneck.deadlocks"), Is.EqualTo("NOT_APPLICABLE"));
        Assert.That(results.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "bottleneck.connection_pool").GetProperty("evidence").GetString(),
            Does.Contain("held no PostgreSQL session"));
    }
}
