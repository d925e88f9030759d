using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Probes.Jobs;
using MangaMotion.Acceptance.Probes.Queue;
using MangaMotion.Acceptance.Stack;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Probes;

/// <summary>
/// The queue reader, the BullMQ witness and cleanup against the embedded stack's bullmq flavour: real
/// Redis with BullMQ's keys, finished jobs removed, a worker that can be stopped.
/// </summary>
public sealed class BullMqFlavourTests : EmbeddedStackFixture
{
    private TargetEndpoints _target = null!;

    protected override EmbeddedStackOptions Options => new EmbeddedStackOptions { Faults = """{"workersStopped":true}""" }.ForFlavor("bullmq");

    protected override Task OnStartedAsync()
    {
        _target = TargetEndpoints.FromStackSettings(Stack.Settings);
        return Task.CompletedTask;
    }

    /// <summary>One flow, so no fault is switched while a worker may be between two jobs: the workers start stopped, then resume.</summary>
    [Test]
    public async Task The_queue_reads_as_bullmq_cleanup_takes_only_the_runs_jobs_and_the_events_witness_jobs_gone_not_found()
    {
        await using var redis = new RedisProbe(_target.Redis);
        var witness = new BullMqWitness(redis.ConnectionAsync, new QueueReader(_target.Redis));
        await using var _ = witness;
        await witness.StartAsync(CancellationToken.None);
        var ours = await Client.UploadJobAsync(TestDataCleanup.UserPrefix("run7") + "-vu1");
        var theirs = new List<string>();
        for (var i = 0; i < 3; i++) theirs.Add(await Client.UploadJobAsync("someone-else"));
        var queued = await redis.ReadQueueAsync();
        Assert.That((queued.Layout.Kind, queued.Layout.Key, queued.Depth, queued.IdCounter), Is.EqualTo(("bullmq", "bull:ai-job", 4.0, (double?)long.Parse(theirs[^1]))));
        Assert.That((await Client.StatusAsync(ours)).GetProperty("status").GetString(), Is.EqualTo("waiting"));

        var said = await new TestDataCleanup(_target.Postgres, _target.Redis, _target.S3).RemoveRunDataAsync("run7", [], [ours, theirs[0]], CancellationToken.None);
        Assert.That(said[1], Does.Contain("removed 1 still queued jobs of the run").And.Contain("1 left because their data does not carry the run's user id"));
        Assert.That(said[0], Does.StartWith("PostgreSQL:"), "every component says what it did");
        Assert.That((await Client.StatusAsync(ours)).GetProperty("status").GetString(), Is.EqualTo("not_found"));
        Assert.That((await redis.ReadQueueAsync()).Depth, Is.EqualTo(3));

        await Client.ClearFaultsAsync();
        foreach (var id in theirs) Assert.That((await Client.WaitForJobAsync(id, TimeSpan.FromSeconds(30))).GetProperty("status").GetString(), Is.EqualTo("not_found"));
        var fates = await witness.AskAsync([.. theirs, ours], CancellationToken.None);
        Assert.That(fates.Keys, Is.EquivalentTo(theirs), "the removed job never ended, so nothing witnesses it");
        Assert.That(fates.Values.Select(f => (f.Completed, f.Witness)), Has.All.EqualTo((true, "BullMQ events of bull:ai-job")));
    }
}
