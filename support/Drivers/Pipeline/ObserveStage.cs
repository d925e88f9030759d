using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Probes.Jobs;
using MangaMotion.Acceptance.Probes.Queue;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Pipeline;

/// <summary>What watches a test besides its load: the queue it starts from and the job witnesses, started before the load.</summary>
public sealed record Observing(QueueBacklog? Backlog, WitnessSet Witnesses) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Witnesses.DisposeAsync();
}

/// <summary>
/// Before a test's load: the queue's backlog read (a test that follows jobs first waits, bounded, for
/// earlier tests' jobs to drain) and, for such a test, the job witnesses started.
/// </summary>
public sealed class ObserveStage(QueueBacklogWatch backlog, IReadOnlySet<string> skipped, JobStates states)
{
    public async Task<Observing> StartAsync(string test, bool followsJobs, TimeSpan drainWait, ProbeSet probes, TargetEndpoints endpoints, Action<string> say, CancellationToken cancel)
    {
        var queue = await backlog.BeforeTestAsync(probes.Redis, followsJobs ? drainWait : TimeSpan.Zero, cancel);
        if (queue is { Behind: >= 1 } b)
            say($"[{test}] starts behind {b.Behind:0} jobs queued by earlier tests" +
                (followsJobs ? $" (waited {b.WaitedSeconds:0} s of QUEUE_DRAIN_WAIT={DurationText.Format(drainWait)} for them to drain)" : ""));
        var witnesses = new WitnessSet(followsJobs ? Witnesses(probes, endpoints) : [], say);
        await witnesses.StartAsync();
        return new Observing(queue, witnesses);
    }

    private List<IJobWitness> Witnesses(ProbeSet probes, TargetEndpoints endpoints)
    {
        var list = new List<IJobWitness>();
        if (!skipped.Contains(ProbeNames.Redis)) list.Add(new BullMqWitness(probes.Redis.ConnectionAsync, new QueueReader(endpoints.Redis)));
        if (!skipped.Contains(ProbeNames.Postgres)) list.Add(new DatabaseRowWitness(endpoints.Postgres, states));
        return list;
    }
}
