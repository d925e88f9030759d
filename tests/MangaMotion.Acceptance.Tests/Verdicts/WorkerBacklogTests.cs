using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Capacity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>The worker's queue at the expected load: whether it grows there, and how soon it passes its limit.</summary>
public sealed class WorkerBacklogTests
{
    private static CapacityFindings Ramp(double drain, bool atLeast) =>
        new("bottleneck", "not fitted", 20, 20, 1, [new("10 users", 10, 8, 100, 200, 0), new("20 users", 20, 16, 150, 300, 6)])
        {
            WorkerDrainPerSecond = drain, WorkerDrainAtLeast = atLeast,
            Curve = [new(10, 8, 7, 9, 200), new(40, 22, 20, 24, 900)],
        };

    [Test]
    public void Arrivals_past_the_drain_grow_the_queue_and_say_when_it_passes_its_limit()
    {
        var queue = WorkerBacklog.At(Ramp(10, false), 15, 1000)!;
        Assert.That(queue.ArrivalsPerSecond, Is.EqualTo(12), "between the stages of 10 and 20 users");
        Assert.That(queue.GrowthPerSecond, Is.EqualTo(2));
        Assert.That(queue.SecondsToLimit, Is.EqualTo(500));
        Assert.That(queue.Words, Does.Contain("the queue grows 2 jobs/s and passes its 1000 jobs ~8.3 min after starting empty"));
    }

    [Test]
    public void Past_the_ramp_the_arrivals_come_from_the_fitted_curve() =>
        Assert.That(WorkerBacklog.At(Ramp(10, false), 30, null)!.ArrivalsPerSecond, Is.EqualTo(8 + 14 * 20 / 30.0).Within(0.001));

    [Test]
    public void A_worker_that_drains_the_arrivals_keeps_its_queue_where_it_is()
    {
        var queue = WorkerBacklog.At(Ramp(10, false), 10, 1000)!;
        Assert.That((queue.GrowthPerSecond, queue.SecondsToLimit), Is.EqualTo(((double?)0, (double?)null)));
        Assert.That(queue.Words, Does.Contain("does not grow"));
    }

    [Test]
    public void Without_a_stated_limit_the_growth_is_given_and_no_time()
    {
        var queue = WorkerBacklog.At(Ramp(10, false), 20, null)!;
        Assert.That((queue.GrowthPerSecond, queue.SecondsToLimit), Is.EqualTo(((double?)6, (double?)null)));
        Assert.That(queue.Words, Does.Contain("no queue depth limit is stated"));
    }

    [Test]
    public void A_worker_never_behind_answers_only_for_arrivals_the_ramp_brought()
    {
        Assert.That(WorkerBacklog.At(Ramp(16, true), 15, 1000)!.GrowthPerSecond, Is.EqualTo(0), "12 uploads/s: the ramp brought 16 and it kept up");
        var beyond = WorkerBacklog.At(Ramp(16, true), 30, 1000)!;
        Assert.That(beyond.GrowthPerSecond, Is.Null, "more than it was ever shown");
        Assert.That(beyond.Words, Does.Contain("not known"));
    }

    [Test]
    public void An_unread_queue_or_an_unreached_load_has_no_outlook()
    {
        Assert.That(WorkerBacklog.At(Ramp(10, false) with { WorkerDrainPerSecond = null }, 15, 1000), Is.Null);
        Assert.That(WorkerBacklog.At(Ramp(10, false), 5, 1000), Is.Null, "below the ramp's first stage");
    }

    [Test]
    public void The_ramp_s_queue_depth_limit_and_expected_users_give_the_outlook_its_worker_row_quotes()
    {
        Statement[] stated =
        [
            new CriteriaStatement(GuideTest.Bottleneck, [new CriteriaRow("queue depth", "below 1000 jobs")]),
            new HeadroomStatement(GuideTest.Bottleneck, [new CriteriaRow(Headroom.UsersRow, "at least 2 × 25"), new CriteriaRow(Headroom.WorkerRow, "at least 1.5 × the expected rate")]),
        ];
        var ramp = Records.Ramp([8, 14, 18, 20], workerDrain: 10);
        var findings = Headroom.Findings(ramp, stated);
        Assert.That(findings.WorkerDrainPerSecond, Is.EqualTo(10).Within(0.01), findings.Summary);
        var queue = findings.QueueAtExpected!;
        Assert.That((queue.Users, queue.Limit), Is.EqualTo((25.0, (double?)1000)));
        Assert.That(queue.ArrivalsPerSecond, Is.EqualTo(16).Within(0.01), "halfway between 14 and 18 uploads/s");
        Assert.That(queue.SecondsToLimit, Is.EqualTo(1000 / 6.0).Within(1));
        var worker = Headroom.Judge((HeadroomStatement)stated[1], ramp, stated, findings).Single(r => r.Id == CriterionIds.BottleneckHeadroomWorker);
        Assert.That(worker.Verdict, Is.EqualTo(Verdict.Fail), worker.Evidence);
        Assert.That(worker.Evidence, Does.Contain("passes its 1000 jobs ~2.8 min after starting empty"));
    }
}
