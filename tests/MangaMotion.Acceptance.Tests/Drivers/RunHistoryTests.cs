using System.Text.Json.Nodes;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.History;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Stores;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Tests.Stack;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Regression;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>
/// The run history across machines, on the embedded stack's own S3 server and PostgreSQL: two "CI
/// runners" (two reports folders) sharing one store, a store that does not answer, and real runs whose
/// upload P95 is compared with the history: healthy ones raise nothing, one made slower by a fixed delay fails.
/// </summary>
public sealed class RunHistoryTests() : InProcessRunFixture("history-", 3, "5s")
{
    private string PostgresUri => $"postgresql://{Stack.Settings["POSTGRES_USER"]}:{Stack.Settings["POSTGRES_PASSWORD"]}@127.0.0.1:{Stack.Settings["POSTGRES_PORT"]}/{Stack.Settings["POSTGRES_DB"]}";

    private static HistoryRecord Record(string run, int second) => new()
    {
        Schema = HistoryRecord.CurrentSchema, Run = run, RunId = Guid.NewGuid().ToString("N")[..6], StartedAt = new DateTimeOffset(2026, 12, 4, 2, 0, second, TimeSpan.Zero),
        Profile = "smoke", Target = "t", Verdict = "PASS", Tests = [new HistoryTest("uploads", "5 users", null, [])],
    };

    [TestCase("s3")]
    [TestCase("postgresql")]
    public async Task Two_runners_sharing_one_store_both_land_at_the_same_moment_and_each_reads_the_other(string kind)
    {
        var uri = kind == "s3" ? $"s3://{Stack.Settings["S3_BUCKET"]}/history-{Guid.NewGuid():N}" : PostgresUri + $"?table=history_{Guid.NewGuid():N}";
        var settings = Read(("HISTORY_URI", uri));
        using var first = new HistoryStore(settings.History, settings.S3, Directory.CreateDirectory(Path.Combine(Root, kind, "runner1")).FullName);
        using var second = new HistoryStore(settings.History, settings.S3, Directory.CreateDirectory(Path.Combine(Root, kind, "runner2")).FullName);
        // Same folder name and second on both runners, as two CI jobs started by one schedule.
        var sent = await Task.WhenAll(first.RecordAsync(Record("20261204_020000", 0)), second.RecordAsync(Record("20261204_020000", 0)));
        Assert.That(sent, Is.All.Null, string.Join("; ", sent));
        var read = await first.ReadAsync("smoke", "t", "20261205_020000");
        Assert.That(read.Unavailable, Is.Null);
        Assert.That(read.Runs, Has.Count.EqualTo(2), "both records landed");
        Assert.That(first.Describe(), Does.Not.Contain(Stack.Settings["POSTGRES_PASSWORD"]), "the store is named without its password");
    }

    [Test]
    public async Task A_damaged_or_foreign_object_in_the_store_is_skipped_and_named()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "damaged")).FullName;
        var settings = Read(("HISTORY_URI", folder));
        using var store = new HistoryStore(settings.History, settings.S3, Path.Combine(Root, "damaged-runner"));
        Assert.That(await store.RecordAsync(Record("20261204_020000", 0)), Is.Null);
        using (var raw = ObjectStore.Open(folder, settings.S3))
        {
            await raw.PutAsync("runs/broken.json", "{ not json"u8.ToArray(), CancellationToken.None);
            await raw.PutAsync("runs/foreign.json", """{"schema": 99, "run": "x"}"""u8.ToArray(), CancellationToken.None);
        }
        var read = await store.ReadAsync("smoke", "t", "now");
        Assert.That(read.Runs, Has.Count.EqualTo(1));
        Assert.That(read.Skipped, Has.Some.Contains("runs/broken.json: damaged").And.Some.Contains("runs/foreign.json: not a run record"));
    }

    [Test]
    public async Task A_store_that_does_not_answer_keeps_the_record_and_the_next_run_with_the_store_back_sends_it()
    {
        var runner = Path.Combine(Root, "unreachable-runner");
        var table = $"history_{Guid.NewGuid():N}";
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var down = Read(("HISTORY_URI", $"postgresql://u:secret@127.0.0.1:{port}/x?table={table}"));
        using (var store = new HistoryStore(down.History, down.S3, runner))
        {
            var said = await store.RecordAsync(Record("20261204_020000", 0));
            Assert.That(said, Does.Contain("kept in").And.Contain("sent with the next run").And.Not.Contain("secret"));
            Assert.That(store.Kept(), Has.Count.EqualTo(1));
            var read = await store.ReadAsync("smoke", "t", "now");
            Assert.That(read.Unavailable, Is.Not.Null);
        }
        var up = Read(("HISTORY_URI", PostgresUri + $"?table={table}"));
        using (var store = new HistoryStore(up.History, up.S3, runner))
        {
            Assert.That(await store.RecordAsync(Record("20261205_020000", 0)), Is.Null);
            Assert.That(store.Kept(), Is.Empty);
            Assert.That((await store.ReadAsync("smoke", "t", "now")).Runs.Select(r => r.Run), Is.EqualTo(new[] { "20261204_020000", "20261205_020000" }));
        }
    }

    [Test]
    public async Task A_run_whose_store_does_not_answer_completes_its_reports_with_the_criterion_not_measured_naming_the_store()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "run-down", "20261204_000000")).FullName;
        var run = new SuiteRun(SuiteTarget.Resolve(Read(("HISTORY_URI", "postgresql://u:secret@127.0.0.1:9/x"))), folder, _ => { });
        await using (run)
        {
            var record = await run.Tests.RunAsync(GuideTest.Uploads);
            var answer = await run.StateAsync(new RegressionStatement(GuideTest.Uploads, 10, [new RegressionRow("upload P95", "10 %")]), record);
            Assert.That(answer.Single().Verdict, Is.EqualTo(Verdict.NotMeasured));
            Assert.That(answer.Single().Evidence, Does.Contain("postgresql://u:****@127.0.0.1:9/x").And.Contain("could not be read"));
            await run.FinishAsync();
        }
        Assert.That(File.Exists(Path.Combine(folder, "results.json")) && File.Exists(Path.Combine(folder, "signoff.html")), Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(Root, "run-down", "history-outbox")), Has.Length.EqualTo(1), "the record is kept for the next run");
    }

    // 30 s per run: the first second of a run (new connections, a cold thread pool) is its slowest, and in a
    // 10 s run those requests are the P95 itself; at 30 s the P95 lies in the steady part.
    [Test, Category("slow")]
    public async Task Healthy_runs_raise_nothing_and_a_run_made_slower_fails_the_regression_and_is_named_as_the_change_point()
    {
        var uri = $"s3://{Stack.Settings["S3_BUCKET"]}/daily-{Guid.NewGuid():N}";
        var statement = new RegressionStatement(GuideTest.Uploads, 10, [new RegressionRow("upload P95", "10 %")]);
        var p95s = new List<double>();
        async Task<(CriterionResult Result, JsonObject Results)> RunOnce(int index, string history)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Root, "daily", $"20261204_{index:000000}")).FullName;
            var run = new SuiteRun(SuiteTarget.Resolve(Read(("HISTORY_URI", history), ("VUS", "10"), ("DURATION", "30s"))), folder, line => TestContext.Progress.WriteLine(line));
            CriterionResult result;
            await using (run)
            {
                var record = await run.Tests.RunAsync(GuideTest.Uploads);
                p95s.Add(record.Step("upload")!.Latency.P95);
                result = (await run.StateAsync(statement, record)).Single();
                await run.FinishAsync();
            }
            TestContext.Progress.WriteLine($"run {index}: {result.Verdict.Label()} {result.Evidence}");
            return (result, JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!.AsObject());
        }

        // The fixture's stack is cold for its first runs (its processes' compilers and PostgreSQL's caches warm over
        // the first minute of load), as it is in every run of ./acceptance run: the daily runs below are all against
        // a warm one, like for like; the warming runs go to a history of their own.
        for (var i = 0; i < 2; i++) await RunOnce(90 + i, $"{uri}-warming");
        p95s.Clear();
        for (var i = 0; i < 8; i++)
        {
            var (result, results) = await RunOnce(i, uri);
            Assert.That(result.Verdict, Is.Not.EqualTo(Verdict.Fail), result.Evidence);
            Assert.That(results["changePoints"]!.AsArray(), Is.Empty, "healthy runs name no change point");
            if (i >= FigureComparer.MinRuns) Assert.That(result.Verdict, Is.AnyOf(Verdict.Pass, Verdict.Warn), result.Evidence);
        }
        // A fixed delay on every upload, long enough that the slow run stands out of this machine's own noise: at
        // least twice the healthy median P95, and half again past the smallest change the healthy runs' scatter lets
        // a 10 % tolerance call regressed (on this stack beside stress-ng, single runs scatter ±15 % to ±55 %).
        var median = p95s.Order().ElementAt(p95s.Count / 2);
        var logs = p95s.Select(p => Math.Log(p)).ToList();
        var scatter = Math.Sqrt(logs.Sum(l => (l - logs.Average()) * (l - logs.Average())) / (logs.Count - 1));
        var detectable = 1.1 * Math.Exp(RunToRunSpread.StudentQuantile975(7) * scatter * 1.2) - 1;
        var delay = (int)Math.Ceiling(Math.Max(30, Math.Max(2.0, 1.5 * detectable) * median));
        TestContext.Progress.WriteLine($"healthy P95s {string.Join(", ", p95s.Select(p => p.ToString("0")))} ms: scatter ±{(Math.Exp(scatter) - 1) * 100:0} %, delay {delay} ms");
        await Client.SetFaultsAsync(new { endpoints = new { upload = new { latencyMs = delay } } });
        var (slow, slowResults) = await RunOnce(8, uri);
        Assert.That(p95s[^1] / p95s.Take(8).Order().ElementAt(4), Is.GreaterThan(1.5), "the delay made the upload P95 at least 50 % slower");
        Assert.That(slow.Verdict, Is.EqualTo(Verdict.Fail), slow.Evidence);
        Assert.That(slow.Evidence, Does.Contain("regressed").And.Contain("Mann-Whitney"));
        Assert.That(slowResults["changePoints"]!.AsArray().Select(c => (string?)c!["run"]), Has.Member("20261204_000008"));
        Assert.That(File.ReadAllText(Path.Combine(Root, "daily", "history.html")), Does.Contain("20261204_000008").And.Contain("moved from"));
    }
}
