using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>
/// Every threshold a verdict uses is the one the scenario writes: change the feature's number and the
/// verdict and the breaking point follow (no number of the guide is kept in the judging code).
/// </summary>
public sealed class ThresholdsFromTheFeatureTests
{
    /// <summary>A ramp of 10 s stages of 2, 4, 6 and 8 users: 97 % success each, p95 flat, the queue at 5, 20, 40, 80 jobs.</summary>
    private static GuideTestRecord Ramp()
    {
        var users = new[] { 2, 4, 6, 8 };
        var stages = users.Select((u, i) => new PlannedStage(i, $"{u} users", TimeSpan.FromSeconds(10 * i), TimeSpan.FromSeconds(10 * (i + 1)), u, u)).ToList();
        var latency = new LatencySummary(100, 10, 50, 50, 80, 90, 95, 120);
        StepStats Upload(long n) => new("upload", n, n * 97 / 100, n - n * 97 / 100, latency, latency, latency,
            new Dictionary<int, long>(), new Dictionary<string, long>(), new Dictionary<string, IReadOnlyList<string>>(), 0, 0);
        var queue = new[] { 5.0, 20, 40, 80 };
        var samples = Enumerable.Range(0, 40).Select(t => new ProbeSample(t + 0.5, "redis", new Dictionary<string, double> { ["queue_depth"] = queue[t / 10] }, [], null, 1)).ToList();
        var load = new LoadResult("bottleneck", "ramping-users", "", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(40), stages,
            [Upload(400)], stages.Select(s => new StageResult(s, [Upload(100)])).ToList(), new IterationCounts(0, 0, 0, 0, 0, 0), [], [], [], null);
        return new GuideTestRecord("bottleneck", "Bottleneck detection", "", "", load, new InfrastructureSeries(samples, 0), null);
    }

    private static (Verdict Verdict, BreakingPoint Point) Judge(string criterion, string threshold, int? upTo = null, string? warning = null)
    {
        var record = Ramp();
        var statement = new CriteriaStatement(record.TestId, [new CriteriaRow(criterion, threshold, warning)], upTo);
        var result = MangaMotion.Acceptance.Verdicts.Judge.Of(statement, record).Single();
        return (result.Verdict, MangaMotion.Acceptance.Verdicts.Judge.BreakingPoint(record, [statement]));
    }

    [Test]
    public void A_success_rate_limit_raised_from_95_to_99_fails_the_ramp_and_breaks_it_at_its_first_stage()
    {
        var at95 = Judge("success rate", "above 95 %");
        Assert.That(at95.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(at95.Point.Users, Is.Null, at95.Point.Summary);
        var at99 = Judge("success rate", "above 99 %");
        Assert.That(at99.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(at99.Point.Users, Is.EqualTo(2));
        Assert.That(at99.Point.Summary, Does.Contain("success rate 97.0 %").And.Contain("limit: above 99 %"));
    }

    [Test]
    public void The_warning_band_is_the_tables_own_and_moves_with_it()
    {
        Assert.That(Judge("success rate", "above 99 %", warning: "96 % to 99 %").Verdict, Is.EqualTo(Verdict.Warn), "97 % inside the band written");
        Assert.That(Judge("success rate", "above 99 %", warning: "90 % to 95 %").Verdict, Is.EqualTo(Verdict.Fail), "97 % outside it");
        Assert.That(Judge("success rate", "above 95 %", warning: "96 % to 98 %").Verdict, Is.EqualTo(Verdict.Warn), "a band above the limit warns on a pass");
        Assert.That(Judge("success rate", "above 99 %").Verdict, Is.EqualTo(Verdict.Fail), "no warning column, no band");
        var wrongUnit = Assert.Throws<FormatException>(() => Judge("success rate", "above 95 %", warning: "1 s to 5 s"));
        Assert.That(wrongUnit!.Message, Does.Contain("'%'").And.Contain("'90 % to 95 %'"));
    }

    [Test]
    public void A_queue_depth_limit_lowered_from_1000_to_10_jobs_breaks_the_ramp_where_the_queue_passes_it()
    {
        Assert.That(Judge("queue depth", "below 1000 jobs").Point.Users, Is.Null);
        var at10 = Judge("queue depth", "below 10 jobs");
        Assert.That(at10.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(at10.Point.Users, Is.EqualTo(4), at10.Point.Summary);
        Assert.That(Judge("queue depth", "below 50 jobs").Point.Users, Is.EqualTo(8));
    }

    [Test]
    public void Up_to_n_users_is_read_from_the_step_so_stages_beyond_it_are_not_judged()
    {
        var upTo4 = Judge("queue depth", "below 30 jobs", upTo: 4);
        Assert.That(upTo4.Point.Users, Is.Null, "the 6-user stage, where the queue passes 30, is beyond 4 users: " + upTo4.Point.Summary);
        Assert.That(upTo4.Point.Summary, Does.Contain("no breaking point up to 4 users"));
        Assert.That(Judge("queue depth", "below 30 jobs", upTo: 100).Point.Users, Is.EqualTo(6));
        var success = MangaMotion.Acceptance.Verdicts.Judge.Of(new CriteriaStatement("bottleneck", [new CriteriaRow("success rate", "above 95 %")], 4), Ramp()).Single();
        Assert.That(success.Evidence, Does.Contain("in the stages up to 4 users").And.Contain("194 of 200"));
    }

    [Test]
    public void A_break_the_stages_sampling_noise_could_explain_is_named_as_such_and_the_first_certain_one_after_it()
    {
        // Stage 2's P95 is +60 % over stage 1's, but from 20 uploads its interval reaches below the baseline's;
        // stage 3's +300 % from 100 uploads is certain.
        LatencySummary[] latencies = [new(100, 10, 50, 50, 80, 100, 110, 120), new(20, 10, 70, 60, 100, 160, 200, 220), new(100, 10, 310, 300, 380, 400, 420, 450)];
        long[] counts = [100, 20, 100];
        var stages = Enumerable.Range(0, 3).Select(i => new PlannedStage(i, $"{2 * (i + 1)} users", TimeSpan.FromSeconds(10 * i), TimeSpan.FromSeconds(10 * (i + 1)), 2 * (i + 1), 2 * (i + 1))).ToList();
        StepStats Upload(int i) => new("upload", counts[i], counts[i], 0, latencies[i], latencies[i], latencies[i],
            new Dictionary<int, long>(), new Dictionary<string, long>(), new Dictionary<string, IReadOnlyList<string>>(), 0, 0);
        var load = new LoadResult("bottleneck", "ramping-users", "", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), stages,
            [Upload(0)], stages.Select(s => new StageResult(s, [Upload(s.Index)])).ToList(), new IterationCounts(0, 0, 0, 0, 0, 0), [], [], [], null);
        var ramp = new GuideTestRecord("bottleneck", "Bottleneck detection", "", "", load, new InfrastructureSeries([], 0), null);
        var point = MangaMotion.Acceptance.Verdicts.Judge.BreakingPoint(ramp, [new CriteriaStatement("bottleneck", [new CriteriaRow("response time increase from baseline", "below 50 %")])]);
        Assert.That(point.Users, Is.EqualTo(4), point.Summary);
        Assert.That(point.CertainUsers, Is.EqualTo(6), point.Summary);
        Assert.That(point.Summary, Does.Contain("within the stage's sampling noise").And.Contain("first certain break at 6 users"));
    }

    [Test]
    public void A_ramp_no_scenario_stated_limits_for_has_no_breaking_point_of_the_suites_own()
    {
        var point = MangaMotion.Acceptance.Verdicts.Judge.BreakingPoint(Ramp(), []);
        Assert.That(point.Users, Is.Null);
        Assert.That(point.Summary, Does.StartWith("not judged: no scenario of this run stated a per-stage limit"));
    }

    [Test]
    public void The_judge_gives_every_verdict_output_of_a_checkpoint_from_the_records_and_the_stated_limits()
    {
        var ramp = Ramp();
        Statement[] verdicts = [new CriteriaStatement(ramp.TestId, [new CriteriaRow("queue depth", "below 10 jobs")], 100)];
        var judged = MangaMotion.Acceptance.Verdicts.Judge.Run("smoke", interrupted: false, verdicts, [ramp]);
        Assert.That(judged.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(judged.Criteria.Single().Id, Is.EqualTo("bottleneck.queue_depth"));
        Assert.That(judged.BreakingPoints["bottleneck"].Users, Is.EqualTo(4));
        Assert.That(judged.Partial, Does.StartWith("only bottleneck of the guide's tests ran"));
        Assert.That(judged.Eligibility.Eligible, Is.False);
        Assert.That(MangaMotion.Acceptance.Verdicts.Judge.Run("smoke", interrupted: true, verdicts, [ramp]).Verdict, Is.EqualTo(Verdict.Incomplete));
    }
}
