using System.Diagnostics;
using NUnit.Framework;
using static MangaMotion.Acceptance.Tests.Specs.SpecRun;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// The suite itself under faults it does not control: a component of the target killed mid-run,
/// an API that never comes up, Ctrl+C/SIGTERM, the run's deadline, refused settings. Each runs the real specification in a child
/// `dotnet test` and asserts that the run ends in time, the reports exist, the verdict says what
/// happened, and nothing the run started is left running.
/// </summary>
[NonParallelizable]
public sealed class SuiteUnderFaultTests
{
    private static void Kill(int host, string commandLineContains)
    {
        var victims = ProcessTree.Descendants(host).Where(p => ProcessTree.CommandLine(p).Contains(commandLineContains, StringComparison.Ordinal)).ToList();
        Assert.That(victims, Is.Not.Empty, $"a process of the embedded stack running '{commandLineContains}'");
        foreach (var pid in victims)
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    private static readonly Dictionary<string, string?> Short = new() { ["DURATION"] = "15s", ["RUN_DEADLINE"] = "3m" };

    [TestCase("MangaMotion.Stack.dll api", "connection", "api")]
    [TestCase("postgres -D", "server_error", "postgres")]
    [TestCase("redis-server", "server_error", "redis")]
    [TestCase("swift-proxy-server", "server_error", "s3")]
    public async Task A_component_killed_mid_run_fails_the_run_with_the_timeline_and_every_report(string process, string classification, string probe)
    {
        var outcome = await SpecRun.RunAsync("uploads", Short, host => Kill(host, process), TimeSpan.FromMinutes(4));
        TestContext.Progress.WriteLine($"{process} killed; took {outcome.Took.TotalSeconds:0} s; classes {string.Join(", ", Kinds(outcome.Results, "classifications"))}; timeline:\n  {string.Join("\n  ", Timeline(outcome.Results))}");
        Assert.That(outcome.Run.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(Verdict(outcome.Results, "uploads.success_rate"), Is.EqualTo("FAIL"));
        Assert.That(Kinds(outcome.Results, "classifications").First(), Is.EqualTo(classification), "the most frequent class of error names what broke");
        Assert.That(Timeline(outcome.Results), Has.Some.StartsWith("upload errors began"));
        Assert.That(Timeline(outcome.Results), Has.Some.StartsWith($"{probe} probe failed"), "the probe of the killed component saw it go");
        Assert.That(outcome.Took, Is.LessThan(TimeSpan.FromMinutes(3)), "within the run's deadline");
    }

    [Test]
    public async Task A_worker_killed_mid_run_leaves_jobs_timed_out_and_fails_the_job_criteria()
    {
        var outcome = await SpecRun.RunAsync("worker", new(Short) { ["MAX_POLL_ATTEMPTS"] = "4", ["POLL_INTERVAL_MS"] = "500" },
            host => Kill(host, "MangaMotion.Stack.dll worker"), TimeSpan.FromMinutes(4));
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(Verdict(outcome.Results, "worker.job_failure"), Is.EqualTo("FAIL"));
        Assert.That(outcome.Results.GetProperty("tests")[0].GetProperty("jobs").GetProperty("timedOut").GetInt64(), Is.GreaterThan(0));
        Assert.That(Timeline(outcome.Results), Has.Some.EqualTo("process worker was no longer running"));
    }

    [TestCase("TERM", "SIGTERM received")]
    [TestCase("INT", "SIGINT (Ctrl+C) received")]
    public async Task A_stop_signal_stops_the_load_and_writes_the_reports_marked_incomplete(string signal, string reason)
    {
        var outcome = await SpecRun.RunAsync("uploads", new() { ["DURATION"] = "2m" }, host => Process.Start("kill", [$"-{signal}", host.ToString()])!.WaitForExit(), TimeSpan.FromMinutes(3));
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"));
        Assert.That(outcome.Results.GetProperty("incomplete").GetString(), Does.StartWith(reason));
        Assert.That(outcome.Results.GetProperty("tests")[0].GetProperty("stoppedEarly").GetString(), Is.EqualTo("interrupted"), "what was measured until then is kept");
        Assert.That(outcome.Took, Is.LessThan(TimeSpan.FromSeconds(100)), "a 2-minute test stops promptly");
    }

    [Test]
    public async Task A_test_host_killed_outright_leaves_the_reports_of_the_tests_it_finished_and_no_process()
    {
        // What a `dotnet test` timeout does: the host is killed with no chance to write anything.
        var outcome = await SpecRun.RunAsync("uploads|Category=presign", new() { ["DURATION"] = "8s" }, host => Process.GetProcessById(host).Kill(), TimeSpan.FromMinutes(3), logOf: "presign");
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"));
        Assert.That(outcome.Results.GetProperty("incomplete").GetString(), Does.StartWith("the run had not finished when this was written"));
        Assert.That(outcome.Results.GetProperty("tests")[0].GetProperty("id").GetString(), Is.EqualTo("uploads"), "the finished test's figures were kept");
    }

    [Test]
    public async Task The_runs_deadline_stops_the_load_and_the_tests_after_it()
    {
        var outcome = await SpecRun.RunAsync("uploads|Category=presign", new() { ["DURATION"] = "2m", ["RUN_DEADLINE"] = "25s" }, null, TimeSpan.FromMinutes(3));
        Assert.That(outcome.Run.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"));
        Assert.That(outcome.Results.GetProperty("incomplete").GetString(), Does.StartWith("the run's deadline (RUN_DEADLINE=25s) passed"));
        Assert.That(outcome.Results.GetProperty("tests").GetArrayLength(), Is.EqualTo(1), "presign never started");
        Assert.That(outcome.Took, Is.LessThan(TimeSpan.FromSeconds(100)));
    }

    [Test]
    public async Task A_target_that_never_comes_up_fails_the_run_cleanly_with_every_report_written()
    {
        var run = await SpecRun.RunAsync("uploads", new() { ["STACK_FAULTS"] = """{"apiStartFails":true}""" }, null, TimeSpan.FromMinutes(5));
        Assert.That(run.Run.ExitCode, Is.Not.Zero);
        Assert.That(run.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"));
        Assert.That(run.Results.GetProperty("incomplete").GetString(), Does.Contain("could not be reached").And.Contain("exited during start-up"));
        Assert.That(run.SignoffMarkdown, Does.StartWith("# MangaMotion release sign-off: INCOMPLETE"));
    }

    [Test]
    public async Task An_unreachable_deployment_fails_fast_naming_each_component_and_the_setting_to_check()
    {
        static string Dead() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0); l.Start(); var p = ((System.Net.IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p.ToString(); }
        var outcome = await SpecRun.RunAsync("checklist|Category=uploads", new()
        {
            ["BASE_URL"] = $"http://127.0.0.1:{Dead()}", ["S3_ENDPOINT"] = $"http://127.0.0.1:{Dead()}", ["POSTGRES_HOST"] = "127.0.0.1", ["POSTGRES_PORT"] = Dead(),
            ["REDIS_HOST"] = "127.0.0.1", ["REDIS_PORT"] = Dead(), ["DURATION"] = "5s",
            ["POSTGRES_PASSWORD"] = "pg-Secret-7731", ["REDIS_PASSWORD"] = "redis-Secret-7732", ["S3_SECRET_KEY"] = "s3-Secret-7733", ["S3_ACCESS_KEY"] = "s3-Access-7734",
        }, null, TimeSpan.FromMinutes(3));
        foreach (var secret in new[] { "pg-Secret-7731", "redis-Secret-7732", "s3-Secret-7733", "s3-Access-7734" })
        {
            Assert.That(outcome.EveryReport, Does.Not.Contain(secret), "no credential in any report file");
            Assert.That(outcome.Run.Output, Does.Not.Contain(secret), "no credential in the run's output");
        }
        Assert.That(outcome.Run.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        var readiness = outcome.Results.GetProperty("readiness").EnumerateArray().ToDictionary(r => r.GetProperty("component").GetString()!, r => r);
        Assert.That(readiness.Keys, Is.SupersetOf(new[] { "api", "postgres", "redis", "s3" }));
        Assert.That(readiness.Values.Select(r => r.GetProperty("state").GetString()), Has.None.EqualTo("Ok"));
        Assert.That(readiness["api"].GetProperty("settingToCheck").GetString(), Is.EqualTo("BASE_URL"));
        Assert.That(Kinds(outcome.Results, "classifications").First(), Is.EqualTo("connection"));
        Assert.That(outcome.Took, Is.LessThan(TimeSpan.FromSeconds(90)), "each component fails within seconds; no wait for a target that is not there");
    }

    [Test]
    public async Task Refused_settings_send_no_load_exit_non_zero_and_say_why()
    {
        var outcome = await SpecRun.RunAsync("uploads", new() { ["INITIAL_USERS"] = "10", ["MAX_USERS"] = "5", ["STEP_DURATION"] = "soon" }, null, TimeSpan.FromMinutes(2));
        Assert.That(outcome.Run.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"));
        var refused = outcome.Results.GetProperty("refusedSettings").EnumerateArray().Select(e => e.GetProperty("setting").GetString()).ToList();
        Assert.That(refused, Is.EquivalentTo(new[] { "MAX_USERS", "STEP_DURATION" }));
        Assert.That(outcome.Run.Output, Does.Contain("STEP_DURATION"));
        Assert.That(outcome.Files.Where(f => f.EndsWith(".log", StringComparison.Ordinal)), Is.Empty, "no guide test started");
    }
}
