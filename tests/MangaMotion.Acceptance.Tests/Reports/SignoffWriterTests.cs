using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Reports.Figures;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Reports;

[NonParallelizable]
public sealed class SignoffWriterTests
{
    private ReportFixture _reports = null!;

    [SetUp]
    public void MakeReports() => _reports = new ReportFixture();

    [TearDown]
    public void Clean() => _reports.Dispose();

    /// <summary>What a run does when it ends: records itself in the history, then renders its sign-off.</summary>
    private static void Ran(string folder, SignoffOptions options, bool appendToJobSummary = false)
    {
        RunHistory.RecordRun(folder);
        SignoffWriter.Write(folder, options, appendToJobSummary);
    }

    [Test]
    public void Re_rendering_an_old_run_leaves_the_history_byte_identical()
    {
        Ran(_reports.AddRun("20261120_020000"), SignoffOptions.Default);
        var old = _reports.AddRun("20261121_020000", d => ReportFixture.ScaleUploadLatency(d, 1.5));
        Ran(old, SignoffOptions.Default);
        var before = File.ReadAllBytes(new RunHistory(_reports.Root).Path);
        File.Delete(Path.Combine(old, "signoff.html"));

        SignoffWriter.Write(old, SignoffOptions.Default);
        SignoffWriter.Write(_reports.AddRun("20261122_020000"), SignoffOptions.Default);

        Assert.That(File.ReadAllBytes(new RunHistory(_reports.Root).Path), Is.EqualTo(before), "rendering never writes the history");
        Assert.That(Html(old), Does.Contain("The last 2 runs of the smoke profile"), "the re-rendered page still draws its trend");
    }

    private static string Html(string folder) => File.ReadAllText(Path.Combine(folder, "signoff.html"));
    private static string Markdown(string folder) => File.ReadAllText(Path.Combine(folder, "signoff.md"));

    [Test]
    public void The_signoff_pages_are_rendered_from_results_json_alone_verdict_first()
    {
        var run = _reports.AddRun("20261120_020000");
        Ran(run, SignoffOptions.Default);

        var html = Html(run);
        Assert.That(html.IndexOf(">FAIL<", StringComparison.Ordinal), Is.LessThan(html.IndexOf("Acceptance criteria", StringComparison.Ordinal)), "the verdict comes first");
        Assert.That(html, Does.Contain("Concurrent uploads: P95 response time below 5 s").And.Contain("upload p50 2.1 s, p95 6.2 s"));
        Assert.That(html, Does.Contain("API response time degradation").And.Contain("Scale the API horizontally"), "the diagnosis with symptoms and solutions");
        Assert.That(html, Does.Contain("breaking point at 4 users"));
        Assert.That(html, Does.Contain("rate_limited"));
        Assert.That(html, Does.Contain("data:image/png;base64,"), "charts are embedded");
        Assert.That(html, Does.Contain("S3_SECRET_KEY").And.Contain("****"), "settings are listed, credentials masked");
        var md = Markdown(run);
        Assert.That(md, Does.StartWith("# MangaMotion release sign-off: FAIL"));
        Assert.That(md, Does.Contain("| Concurrent uploads: P95 response time below 5 s (`uploads.p95`) | **FAIL** | 6.2 s |"));
    }

    [Test]
    public void A_saturated_load_generator_is_said_next_to_the_verdict_and_in_its_test_and_a_calm_one_says_not_saturated()
    {
        var run = _reports.AddRun("20261120_020000", d =>
        {
            var tests = d["tests"]!.AsArray();
            tests[0]!["loadGenerator"] = new System.Text.Json.Nodes.JsonObject
            {
                ["saturated"] = true, ["reasons"] = new System.Text.Json.Nodes.JsonArray("open-model arrivals started 452 ms late at p95 (limit 50 ms)"), ["summary"] = "suite process CPU median 54 %",
            };
            tests[1]!["loadGenerator"] = new System.Text.Json.Nodes.JsonObject { ["saturated"] = false, ["summary"] = "timer lateness p95 6 ms" };
            d["signOff"] = "not eligible: the load generator was saturated during worker";
        });
        Ran(run, SignoffOptions.Default);
        var html = Html(run);
        var saturated = html.IndexOf("Load generator saturated during worker", StringComparison.Ordinal);
        Assert.That(saturated, Is.GreaterThan(0).And.LessThan(html.IndexOf("Acceptance criteria", StringComparison.Ordinal)), "said in the verdict's header");
        Assert.That(html, Does.Contain("SATURATED: open-model arrivals started 452 ms late at p95 (limit 50 ms)"));
        Assert.That(html, Does.Contain("not saturated (timer lateness p95 6 ms)"), "the calm test says so too");
        Assert.That(Markdown(run), Does.Contain("Load generator saturated during worker").And.Contain("Sign-off: not eligible: the load generator was saturated during worker"));
    }

    [Test]
    public void A_crowded_machine_is_said_next_to_the_verdict_without_taking_the_run_out_of_sign_off()
    {
        var run = _reports.AddRun("20261120_020000", d =>
        {
            d["tests"]!.AsArray()[0]!["loadGenerator"] = new System.Text.Json.Nodes.JsonObject
            {
                ["saturated"] = false, ["crowded"] = true, ["machineCpuMedianPercent"] = 97.0,
                ["summary"] = "machine CPU median 97 % (crowded: other processes shared the cores, so tail latencies may include waiting for one)",
            };
        });
        Ran(run, SignoffOptions.Default);
        var html = Html(run);
        var crowded = html.IndexOf("machine was crowded during worker", StringComparison.Ordinal);
        Assert.That(crowded, Is.GreaterThan(0).And.LessThan(html.IndexOf("Acceptance criteria", StringComparison.Ordinal)), "said in the verdict's header");
        Assert.That(html, Does.Contain("not saturated (machine CPU median 97 % (crowded"));
        Assert.That(Markdown(run), Does.Contain("machine was crowded during worker"));
    }

    [Test]
    public void The_worker_s_queue_at_the_expected_load_is_a_fact_of_the_ramp_on_both_pages()
    {
        const string words = "at 50 users 12 uploads/s arrive and the worker drains 10 jobs/s (measured where the ramp's queue grew): the queue grows 2 jobs/s and passes its 1000 jobs ~8.3 min after starting empty";
        var run = _reports.AddRun("20261120_020000", d => d["capacity"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["test"] = "bottleneck", ["unfitted"] = "not fitted here", ["lastUsers"] = 40, ["reach"] = 40, ["thinkSeconds"] = 1, ["stages"] = new System.Text.Json.Nodes.JsonArray(),
            ["summary"] = "no prediction: not fitted here",
            ["queueAtExpected"] = new System.Text.Json.Nodes.JsonObject
            {
                ["users"] = 50, ["arrivalsPerSecond"] = 12, ["growthPerSecond"] = 2, ["limit"] = 1000, ["secondsToLimit"] = 500, ["words"] = words,
            },
        }));
        Ran(run, SignoffOptions.Default);
        Assert.That(Html(run), Does.Contain("Worker&#39;s queue at the expected load").And.Contain("passes its 1000 jobs ~8.3 min after starting empty"));
        Assert.That(Markdown(run), Does.Contain($"Worker's queue at the expected load: {words}"));
    }

    [Test]
    public void The_signoff_page_needs_no_network_to_open()
    {
        var run = _reports.AddRun("20261120_020000");
        Ran(run, SignoffOptions.Default);
        var html = Html(run);
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=\"http").And.Not.Contain("url(http").And.Not.Contain("@import"));
    }

    [Test]
    public void The_previous_run_of_the_profile_is_the_default_baseline_and_a_slower_p95_is_flagged()
    {
        Ran(_reports.AddRun("20261120_020000"), SignoffOptions.Default);
        var slower = _reports.AddRun("20261121_020000", d => ReportFixture.ScaleUploadLatency(d, 1.5));
        Ran(slower, SignoffOptions.Default);

        Assert.That(Markdown(slower), Does.Contain("Compared with run 20261120_020000").And.Contain("| uploads/upload p95 |").And.Contain("**REGRESSION**"));
        Assert.That(Html(slower), Does.Contain("regression(s) against 20261120_020000"));
        Assert.That(Html(slower), Does.Contain("The last 2 runs of the smoke profile"), "the trend is drawn from the history");
        Assert.That(new RunHistory(_reports.Root).ReadAll(), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_named_baseline_is_used_and_the_tolerance_is_a_setting()
    {
        Ran(_reports.AddRun("20261120_020000"), SignoffOptions.Default);
        Ran(_reports.AddRun("20261121_020000", d => ReportFixture.ScaleUploadLatency(d, 3)), SignoffOptions.Default);
        var third = _reports.AddRun("20261122_020000", d => ReportFixture.ScaleUploadLatency(d, 1.5));
        Ran(third, new SignoffOptions("20261120_020000", new Tolerance(P95IncreasePercent: 60, SuccessDropPoints: 1)));

        Assert.That(Markdown(third), Does.Contain("Compared with run 20261120_020000 (p95 +60 %"));
        Assert.That(Markdown(third), Does.Not.Contain("**REGRESSION**"), "+50 % is within a 60 % tolerance");
    }

    [Test]
    public void No_baseline_is_said_so_and_a_missing_named_baseline_is_refused_naming_the_setting()
    {
        var run = _reports.AddRun("20261120_020000");
        Ran(run, new SignoffOptions("none", new Tolerance()));
        Assert.That(Html(run), Does.Contain("No comparison: BASELINE_RUN is none."));
        Assert.That(BaselineLocator.Check(_reports.Root, "20250101_000000"), Does.StartWith("BASELINE_RUN '20250101_000000' names no earlier run: accepted are previous, none"));
        Assert.That(BaselineLocator.Check(_reports.Root, "20261120_020000"), Is.Null);
        Assert.That(BaselineLocator.Check(_reports.Root, "previous"), Is.Null);
    }

    [Test]
    public void An_interrupted_run_is_marked_incomplete_and_kept_out_of_the_baseline()
    {
        var run = _reports.AddRun("20261120_020000", d => { d["verdict"] = "INCOMPLETE"; d["incomplete"] = "interrupted by SIGTERM after 41 s"; });
        Ran(run, SignoffOptions.Default);
        Assert.That(Html(run), Does.Contain("class=\"verdict incomplete\"").And.Contain("INCOMPLETE: interrupted by SIGTERM after 41 s"));
        Assert.That(Markdown(run), Does.StartWith("# MangaMotion release sign-off: INCOMPLETE"));
        Assert.That(new RunHistory(_reports.Root).PreviousComparable("20261121_000000", "smoke"), Is.Null);
    }

    [Test]
    public void A_run_refused_for_its_settings_still_gets_pages_saying_why()
    {
        var folder = Path.Combine(_reports.Root, "20261120_020000");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), ResultsDocument.RenderRefusal(
            [new SettingError("MAX_USERS", "5", "must not be below INITIAL_USERS (10)", "a whole number from 10 to 10000")], DateTimeOffset.UtcNow));
        Ran(folder, SignoffOptions.Default);
        Assert.That(Html(folder), Does.Contain("Settings refused: nothing was run").And.Contain("MAX_USERS").And.Contain("must not be below INITIAL_USERS (10)"));
        Assert.That(Markdown(folder), Does.Contain("| MAX_USERS | 5 | must not be below INITIAL_USERS (10) | a whole number from 10 to 10000 |"));
        Assert.That(File.Exists(new RunHistory(_reports.Root).Path), Is.False, "a run that never ran is not history");
    }

    [Test]
    public void The_final_markdown_is_appended_to_the_github_step_summary_when_set_and_a_checkpoint_is_not()
    {
        var summary = Path.Combine(_reports.Root, "step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        Environment.SetEnvironmentVariable(SignoffWriter.StepSummaryVariable, summary);
        try
        {
            var run = _reports.AddRun("20261120_020000");
            Ran(run, SignoffOptions.Default);
            Assert.That(File.ReadAllText(summary), Is.EqualTo("earlier step\n"), "a checkpoint or a re-rendering adds nothing");
            Ran(run, SignoffOptions.Default, appendToJobSummary: true);
        }
        finally { Environment.SetEnvironmentVariable(SignoffWriter.StepSummaryVariable, null); }
        Assert.That(File.ReadAllText(summary), Does.StartWith("earlier step\n# MangaMotion release sign-off: FAIL"));
    }

    [Test]
    public void A_schema_1_breaking_point_sentence_still_reads()
    {
        var run = _reports.AddRun("20261120_020000", d => { d["schema"] = "mangamotion-acceptance/results/1"; d["breakingPoints"] = new System.Text.Json.Nodes.JsonObject { ["bottleneck"] = "no breaking point up to 6 users" }; });
        Ran(run, SignoffOptions.Default);
        Assert.That(Html(run), Does.Contain("no breaking point up to 6 users"));
    }

    [Test]
    public void A_filtered_run_is_partial_and_never_the_next_runs_default_baseline()
    {
        Ran(_reports.AddRun("20261120_020000"), SignoffOptions.Default);
        var filtered = _reports.AddRun("20261121_020000", d =>
        {
            d["tests"] = new System.Text.Json.Nodes.JsonArray(d["tests"]!.AsArray().Where(t => (string?)t!["id"] == "uploads").Select(t => t!.DeepClone()).ToArray());
            d["partial"] = "only uploads of the guide's tests ran";
            ReportFixture.ScaleUploadLatency(d, 0.1);
        });
        Ran(filtered, SignoffOptions.Default);
        Assert.That(Markdown(filtered), Does.Contain("partial run"));
        Assert.That(new RunHistory(_reports.Root).ReadAll().Single(e => e.Run == "20261121_020000").Partial, Is.True);

        var next = _reports.AddRun("20261122_020000");
        Ran(next, SignoffOptions.Default);
        Assert.That(Markdown(next), Does.Contain("Compared with run 20261120_020000"), "the whole run before the filtered one is the baseline");
        Assert.That(Markdown(next), Does.Not.Contain("**REGRESSION**"));
    }

    [Test]
    public void A_named_partial_baseline_compares_only_the_tests_both_ran_and_flags_nothing_from_few_samples()
    {
        var partial = _reports.AddRun("20261120_020000", d =>
        {
            d["tests"] = new System.Text.Json.Nodes.JsonArray(d["tests"]!.AsArray().Where(t => (string?)t!["id"] is "uploads" or "worker").Select(t => t!.DeepClone()).ToArray());
            foreach (var step in d["tests"]!.AsArray().Where(t => (string?)t!["id"] == "worker").SelectMany(t => t!["steps"]!.AsArray()))
                step!["latencyMs"]!["count"] = 5;
        });
        Ran(partial, SignoffOptions.Default);
        var now = _reports.AddRun("20261121_020000", d =>
        {
            foreach (var test in d["tests"]!.AsArray().Where(t => (string?)t!["id"] == "worker"))
            foreach (var step in test!["steps"]!.AsArray())
                step!["latencyMs"]!["p95"] = (double)step["latencyMs"]!["p95"]! * 5;
        });
        Ran(now, new SignoffOptions("20261120_020000", new Tolerance()));
        var md = Markdown(now);
        Assert.That(md, Does.Contain("| uploads/upload p95 |").And.Contain("| worker/job p95 |"));
        Assert.That(md, Does.Not.Contain("| presign/presign p95 |").And.Not.Contain("| bottleneck/upload p95 |"), "tests the baseline did not run are not compared");
        Assert.That(md, Does.Not.Contain("**REGRESSION**"), "a fivefold p95 from 5 samples is shown, not flagged");
    }

    [Test]
    public void A_test_that_does_not_follow_its_jobs_says_so_and_how_a_figure_was_measured_comes_after_its_evidence()
    {
        var run = _reports.AddRun("20261120_020000", d =>
        {
            var cpu = d["criteria"]!.AsArray().Single(c => (string?)c!["id"] == "bottleneck.cpu")!;
            cpu["evidence"] = "the target's CPU peaked at 41 at 11 s; source: the deployment's Prometheus";
            cpu["detail"] = "source: node_exporter through Prometheus at http://prom:9090/; CPU: 100 * avg(rate(node_cpu_seconds_total{mode!=\"idle\"}[1m]))";
        });
        Ran(run, SignoffOptions.Default);
        var (html, md) = (Html(run), Markdown(run));
        Assert.That(html, Does.Contain("100 created; jobs not followed in this test").And.Not.Contain("100 created: 0 completed"), "the uploads test creates jobs, the worker test follows them");
        Assert.That(html, Does.Contain("60 created: 60 completed"));
        var evidence = html.IndexOf("source: the deployment&#39;s Prometheus", StringComparison.Ordinal);
        var detail = html.IndexOf("<details class=\"small\"><summary>how it was measured</summary>source: node_exporter", StringComparison.Ordinal);
        Assert.That(evidence, Is.GreaterThan(0), html);
        Assert.That(detail, Is.GreaterThan(evidence), "the query is folded away after the evidence");
        Assert.That(md, Does.Contain("<details><summary>How the criteria were measured</summary>").And.Contain("- `bottleneck.cpu`: source: node_exporter"));
    }
}
