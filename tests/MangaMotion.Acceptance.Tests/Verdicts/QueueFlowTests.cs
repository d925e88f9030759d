using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>The worker's throughput read from the queue, whatever the worker's CPU, and the worker diagnosis built on it.</summary>
public sealed class QueueFlowTests
{
    [Test]
    public void A_queue_growing_faster_than_the_worker_drains_is_a_worker_bottleneck_quoting_arrivals_and_drain()
    {
        // 100 jobs/20 s arrive (5/s); the queue grows by 4.5/s: the worker drains 0.5/s.
        var record = Records.Of("uploads", 20, Records.Jobs(completed: 0) with { Created = 100 }, Records.Queue(20, t => 4.5 * t));
        var flow = QueueFlow.Of(record)!;
        Assert.That((flow.ArrivalsPerSecond, flow.DrainedPerSecond, flow.BacklogPerSecond), Is.EqualTo((5.0, 0.5, 4.5)));
        Assert.That(flow.WorkerBehind, Is.True);
        Assert.That(flow.Describe(), Does.StartWith("arrivals 5/s, drained 0.5/s, backlog +4.5/s").And.Contain("the 90 queued need ≈ 3 min"));
        var diagnosis = Diagnosis.Diagnose([record]).Single();
        Assert.That(diagnosis.Kind, Is.EqualTo("worker"));
        Assert.That(diagnosis.Symptoms.Single(), Does.Contain("arrivals 5/s, drained 0.5/s"));
    }

    [Test]
    public void The_queues_own_id_counter_counts_everyones_arrivals()
    {
        var record = Records.Of("uploads", 10, Records.Jobs(0) with { Created = 10 }, Records.Queue(10, t => 0, id: t => 1000 + 3 * t));
        var flow = QueueFlow.Of(record)!;
        Assert.That((flow.ArrivalsPerSecond, flow.SuiteArrivalsPerSecond, flow.DrainedPerSecond), Is.EqualTo((3.0, 1.0, 3.0)));
        Assert.That(flow.WorkerBehind, Is.False);
    }

    [Test]
    public void A_worker_that_keeps_up_is_not_diagnosed_and_a_queue_read_once_gives_no_flow()
    {
        Assert.That(Diagnosis.Diagnose([Records.Of("uploads", 20, Records.Jobs(0) with { Created = 100 }, Records.Queue(20, t => t % 2))]), Is.Empty);
        Assert.That(QueueFlow.Of(Records.Of("uploads", 20, null, Records.Queue(0, _ => 5))), Is.Null);
    }
}
