using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Capacity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>
/// A limit that already gives at the ramp's first stage gives somewhere at or below it: the ramp measured
/// nothing lower, so its users are an upper bound, never a figure a headroom row may pass on.
/// </summary>
public sealed class HeadroomFirstStageTests
{
    private static IReadOnlyList<CriterionResult> Judged(double workerDrain, string users)
    {
        var statement = new HeadroomStatement(GuideTest.Bottleneck, [new CriteriaRow(Headroom.UsersRow, users)]);
        return Headroom.Judge(statement, Records.Ramp([8, 14, 18, 20], workerDrain), [statement]);
    }

    [Test]
    public void A_worker_behind_from_the_first_stage_is_placed_there_at_most()
    {
        var statement = new HeadroomStatement(GuideTest.Bottleneck, [new CriteriaRow(Headroom.UsersRow, "at least 2 × 25")]);
        var findings = Headroom.Findings(Records.Ramp([8, 14, 18, 20], workerDrain: 6), [statement]);
        var worker = findings.Limits.Single(l => l.What == "the worker falls behind");
        Assert.That((worker.AtFirstStage, worker.Users.Value), Is.EqualTo((true, (double?)10)), findings.Summary);
        Assert.That(findings.Summary, Does.Contain("the worker falls behind (6 jobs/s) already at the ramp's first stage (10 users)"));
    }

    [Test]
    public void Past_the_first_stage_the_headroom_row_fails_on_the_upper_bound()
    {
        var result = Judged(6, "at least 2 × 25").Single();
        Assert.That((result.Verdict, result.Observed), Is.EqualTo((Verdict.Fail, (double?)10)), result.Evidence);
        Assert.That(result.Evidence, Does.StartWith("at most 10 users: the worker falls behind"));
    }

    [Test]
    public void Within_the_first_stage_the_headroom_row_is_not_measured_and_says_to_start_lower()
    {
        var result = Judged(6, "at least 1 × 8").Single();
        Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMeasured), result.Evidence);
        Assert.That(result.Evidence, Does.Contain("at most 10 users").And.Contain("INITIAL_USERS"));
    }

    [Test]
    public void An_interval_reaching_down_to_the_first_stage_passes_no_row()
    {
        var findings = new CapacityFindings("bottleneck", null, 40, 80, 1, [new("24 users", 24, 17, 400, 900, 9.5), new("40 users", 40, 20, 970, 1800, 12)])
        {
            Limits = [new CapacityLimit("the worker falls behind", new Predicted(30, 24, 36), "the worker falls behind (8 jobs/s)")],
            Summary = "the worker falls behind (8 jobs/s) at ~30 users (24 to 36)",
        };
        var row = new CriteriaRow(Headroom.UsersRow, "at least 2 × 10");
        var result = HeadroomCriteria.Users(row, findings, "Bottleneck", CapacityModelTests.Match(row.Threshold), null);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Warn), result.Evidence);
        Assert.That(result.Evidence, Does.Contain("reaches down to the ramp's first stage (24 users)"));
    }
}
