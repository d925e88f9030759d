using System.Text.Json;
using NUnit.Framework;
using static MangaMotion.Acceptance.Tests.Specs.SpecRun;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// The suite proves its verdicts: the real feature files run (smoke profile, a child `dotnet test`)
/// against the embedded stack (one per class, described to the run only by its settings) with one
/// fault switched on, and results.json must show the matching
/// criterion failing, the matching classification or diagnosis, and no unrelated diagnosis.
/// (The healthy case is the suite's own run in `./acceptance test`: every criterion passes.)
/// </summary>
public sealed class SuiteProvesItselfTests : FaultedStackRun
{
    /// <summary>Half the smoke profile's 20 s: enough requests for every figure these proofs read.</summary>
    /// <summary>Ramp steps of 6 s instead of 10 s: criterion 4 reads the whole ramp, not a step's figures.</summary>
    internal static readonly Dictionary<string, string?> ShortSteps = new() { ["STEP_DURATION"] = "6s" };

    private static Dictionary<string, string?> Short(Dictionary<string, string?>? more = null) => new(more ?? []) { ["DURATION"] = "10s" };

    [Test]
    public async Task A_tight_rate_limit_fails_the_upload_success_rate_as_rate_limiting()
    {
        var results = await RunSuiteAsync("uploads", """{"rateLimitPerMinute":2}""", settings: Short());
        Assert.That(results.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "uploads.success_rate"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "uploads.job_failure"), Is.EqualTo("PASS"), "429 is the rate limit, not an infrastructure failure");
        Assert.That(Kinds(results, "classifications"), Does.Contain("rate_limited"));
        Assert.That(Kinds(results, "diagnoses"), Is.Empty);
    }

    [Test]
    public async Task A_release_run_with_shortened_durations_is_not_eligible_for_sign_off_and_says_why()
    {
        var run = await RunWithFaultAsync("uploads", "", new() { ["PROFILE"] = "release", ["DURATION"] = "5s", ["VUS"] = "2" });
        var signOff = run.Results.GetProperty("signOff").GetString();
        Assert.That(signOff, Does.StartWith("not eligible: "));
        Assert.That(signOff, Does.Contain("uploads applied less than the release profile's load: users 2 < 50, duration 5s < 5m"));
        Assert.That(run.SignoffMarkdown, Does.Contain("Sign-off: not eligible: ").And.Contain("duration 5s < 5m"));
        var generator = run.Results.GetProperty("tests")[0].GetProperty("loadGenerator");
        Assert.That(generator.GetProperty("saturated").ValueKind, Is.EqualTo(JsonValueKind.True).Or.EqualTo(JsonValueKind.False));
        Assert.That(generator.GetProperty("timerSamples").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Server_errors_fail_success_and_job_failure_as_server_errors()
    {
        var results = await RunSuiteAsync("uploads", """{"endpoints":{"upload":{"errorRate":0.5}}}""", settings: Short());
        Assert.That(Verdict(results, "uploads.success_rate"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "uploads.job_failure"), Is.EqualTo("FAIL"));
        Assert.That(Kinds(results, "classifications").First(), Is.EqualTo("server_error"));
        Assert.That(Kinds(results, "diagnoses"), Does.Not.Contain("database_locks").And.Not.Contain("storage_iops"));
    }

    [Test]
    public async Task Failing_workers_fail_the_job_failure_rate()
    {
        var results = await RunSuiteAsync("worker", """{"workerFailureRate":1.0}""", settings: Short());
        Assert.That(Verdict(results, "worker.job_failure"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "worker.job_success"), Is.EqualTo("FAIL"));
        var jobs = results.GetProperty("tests")[0].GetProperty("jobs");
        Assert.That(jobs.GetProperty("failed").GetInt64(), Is.GreaterThan(0));
        Assert.That(jobs.GetProperty("failedReasons")[0].GetString(), Does.Contain("injected worker failure"));
    }

    [Test]
    public async Task Slow_object_storage_is_diagnosed_as_storage_with_its_evidence()
    {
        // 3 s per PUT is within the guide's 10 s, so no criterion fails, but the diagnosis names storage.
        var results = await RunSuiteAsync("presign", """{"endpoints":{"s3":{"latencyMs":3000}}}""", expectFailure: false);
        Assert.That(Verdict(results, "presign.p95"), Is.EqualTo("PASS"), "presigning is not slowed");
        Assert.That(Verdict(results, "presign.s3_p95"), Is.EqualTo("PASS"));
        Assert.That(results.GetProperty("diagnoses").EnumerateArray().Single().GetProperty("kind").GetString(), Is.EqualTo("storage_iops"));
        Assert.That(results.GetProperty("diagnoses")[0].GetProperty("symptoms")[0].GetString(), Does.Contain("S3 PUT p95"));
    }

    [Test]
    public async Task Stopped_workers_leave_jobs_timed_out_and_fail_the_job_failure_rate()
    {
        var results = await RunSuiteAsync("worker", """{"workersStopped":true}""",
            settings: Short(new() { ["MAX_POLL_ATTEMPTS"] = "3", ["POLL_INTERVAL_MS"] = "500" }));
        Assert.That(Verdict(results, "worker.job_failure"), Is.EqualTo("FAIL"));
        Assert.That(results.GetProperty("tests")[0].GetProperty("jobs").GetProperty("timedOut").GetInt64(), Is.GreaterThan(0));
        Assert.That(Kinds(results, "diagnoses"), Does.Not.Contain("database_locks").And.Not.Contain("storage_iops"));
    }

    [Test]
    public async Task A_limit_held_in_every_window_fails_naming_the_first_window_that_broke_it()
    {
        var results = await RunSuiteAsync("while-running", """{"endpoints":{"upload":{"latencyMs":6000}}}""");
        var window = results.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "uploads.p95.every_10s");
        Assert.That(window.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(window.GetProperty("evidence").GetString(), Does.Match(@"first failed in the window ending at \d+s: [\d.]+ s \(worst window\)"));
        Assert.That(Verdict(results, "uploads.success_rate.abort"), Is.EqualTo("PASS"), "slow is not down: the test ran to its end");
        Assert.That(results.GetProperty("tests")[0].TryGetProperty("stoppedEarly", out _), Is.False);
    }

    [Test]
    public async Task An_abort_rule_stops_the_test_early_and_the_reports_say_when_and_why()
    {
        var results = await RunSuiteAsync("while-running", """{"endpoints":{"upload":{"errorRate":1.0}}}""");
        var test = results.GetProperty("tests")[0];
        Assert.That(test.GetProperty("stoppedEarly").GetString(), Does.StartWith("aborted: threshold 'abort when success rate below 20 % for 10s' failed"));
        Assert.That(test.GetProperty("durationSeconds").GetDouble(), Is.LessThan(19), "stopped before the smoke profile's 20 s");
        var abort = results.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "uploads.success_rate.abort");
        Assert.That(abort.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(abort.GetProperty("evidence").GetString(), Does.StartWith("the test was stopped early at "));
        Assert.That(Timeline(results), Has.Some.Contains("load stopped early: aborted"));
    }

    [Test]
    public async Task Lock_contention_is_diagnosed_as_database_locks_quoting_the_waits()
    {
        // Contention slows every ramp step alike, so no criterion needs to fail; the diagnosis must still appear.
        var results = await RunSuiteAsync("bottleneck", """{"lockContention":true}""", expectFailure: false);
        var diagnosis = results.GetProperty("diagnoses").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "database_locks");
        Assert.That(diagnosis.GetProperty("symptoms")[0].GetString(), Does.Contain("lock waits"));
        Assert.That(Kinds(results, "diagnoses"), Does.Not.Contain("storage_iops"));
    }

    [Test]
    public async Task Deadlocks_fail_acceptance_criterion_4()
    {
        var results = await RunSuiteAsync("criterion-4", """{"deadlockEverySeconds":3}""", settings: ShortSteps);
        Assert.That(Verdict(results, "acceptance.4"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "bottleneck.deadlocks"), Is.EqualTo("FAIL"));
        Assert.That(Kinds(results, "diagnoses"), Does.Contain("database_locks"));
        Assert.That(results.GetProperty("breakingPoints").GetProperty("bottleneck").GetProperty("summary").GetString(), Does.StartWith("not judged: no scenario of this run stated a per-stage limit"),
            "criterion 4's table states no per-stage limit, and the suite has none of its own: the ramp's breaking point says it was not judged");
    }

    [Test]
    public async Task Exhausted_connections_fail_the_connection_pool_criterion()
    {
        var results = await RunSuiteAsync("criterion-4", """{"heldConnections":1000}""", settings: ShortSteps);
        Assert.That(Verdict(results, "bottleneck.connection_pool"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "acceptance.4"), Is.EqualTo("FAIL"));
    }

    [Test]
    public async Task Added_latency_puts_the_upload_p95_in_the_guides_warning_tier_as_slow_responses()
    {
        var results = await RunSuiteAsync("uploads", """{"endpoints":{"upload":{"latencyMs":1500}}}""", expectFailure: false, settings: Short());
        Assert.That(Verdict(results, "uploads.p95"), Is.EqualTo("WARN"), "1-5 s is the guide's warning tier");
        Assert.That(results.GetProperty("verdict").GetString(), Is.EqualTo("WARN"));
        Assert.That(Kinds(results, "classifications"), Does.Contain("slow"));
    }

    [Test]
    public async Task Object_storage_errors_fail_the_s3_success_rate_and_are_diagnosed_as_storage()
    {
        var results = await RunSuiteAsync("presign", """{"endpoints":{"s3":{"errorRate":0.5,"errorStatus":503}}}""", settings: Short());
        Assert.That(Verdict(results, "presign.s3_success_rate"), Is.EqualTo("FAIL"));
        Assert.That(Verdict(results, "presign.success_rate"), Is.EqualTo("PASS"), "presigning itself still works");
        Assert.That(Kinds(results, "classifications"), Does.Contain("server_error"));
        Assert.That(Kinds(results, "diagnoses"), Is.EqualTo(new[] { "storage_iops" }));
    }

    [Test]
    public async Task Slow_workers_make_jobs_outlive_the_poll_budget_and_fail_the_job_failure_rate()
    {
        // At smoke scale a slow worker cannot breach the guide's 2 minutes; a poll budget of 1.5 s shows the same effect.
        var results = await RunSuiteAsync("worker", """{"workerDelayMs":4000}""",
            settings: Short(new() { ["MAX_POLL_ATTEMPTS"] = "3", ["POLL_INTERVAL_MS"] = "500" }));
        Assert.That(Verdict(results, "worker.job_failure"), Is.EqualTo("FAIL"));
        Assert.That(results.GetProperty("tests")[0].GetProperty("jobs").GetProperty("timedOut").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_cpu_hog_beside_the_stack_is_not_the_targets_cpu()
    {
        // Two busy loops outside the stack's processes keep both cores loaded for the whole ramp.
        var hogs = Enumerable.Range(0, 2).Select(_ => System.Diagnostics.Process.Start("sh", ["-c", "timeout 300 sh -c 'while :; do :; done'"])).ToList();
        try
        {
            var run = await RunWithFaultAsync("bottleneck", "");
            var cpu = run.Results.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "bottleneck.cpu");
            Assert.That(cpu.GetProperty("verdict").GetString(), Is.Not.EqualTo("FAIL").And.Not.EqualTo("NOT_MEASURED"), cpu.GetProperty("evidence").GetString());
            Assert.That(cpu.GetProperty("evidence").GetString(), Does.Contain("the deployment's Prometheus"));
            Assert.That(cpu.GetProperty("detail").GetString(), Does.Contain("process-exporter"), "how it was measured, behind the evidence");
            // The hog starves the generator too; whether past its limits depends on the machine, but it is watched and says why when it is.
            var generator = run.Results.GetProperty("tests")[0].GetProperty("loadGenerator");
            if (generator.GetProperty("saturated").GetBoolean()) Assert.That(generator.GetProperty("reasons").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(generator.GetProperty("cpuSamples").GetInt32(), Is.GreaterThan(0));
        }
        finally
        {
            foreach (var hog in hogs) { try { hog.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } hog.Dispose(); }
        }
    }
}
