using MangaMotion.Acceptance.Load.Http.Loop;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>
/// The loop's two pieces of lock-free logic, where a mistake shows only under load: a slot given to a new
/// connection while an event of the old one is still in flight, and a readiness event racing the wait it should wake.
/// </summary>
public sealed class LoopEdgeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public void A_late_event_for_a_reused_slot_finds_no_stream_and_never_the_new_one()
    {
        var slots = new LoopSlots<string>(capacity: 1);
        var old = slots.Add("old connection");
        slots.Remove(old);
        var reused = slots.Add("new connection");
        Assert.That((uint)reused, Is.EqualTo((uint)old), "the one slot is reused");
        Assert.That(slots.Find(old), Is.Null, "the old connection's late event");
        Assert.That(slots.Find(reused), Is.EqualTo("new connection"));
        slots.Remove(old);
        Assert.That(slots.Find(reused), Is.EqualTo("new connection"), "removing the old key again frees nothing");
    }

    [Test]
    public void Slots_grow_keep_their_streams_and_find_each_by_its_own_key()
    {
        var slots = new LoopSlots<string>(capacity: 2);
        var keys = Enumerable.Range(0, 100).Select(i => (Key: slots.Add($"s{i}"), Name: $"s{i}")).ToList();
        foreach (var (key, name) in keys) Assert.That(slots.Find(key), Is.EqualTo(name));
        Assert.That(keys.Select(k => k.Key).Distinct().Count(), Is.EqualTo(100));
        Assert.That(slots.Find(ulong.MaxValue), Is.Null, "a key beyond the table");
    }

    [Test]
    public async Task Slots_under_concurrent_adds_removes_and_finds_never_hand_out_a_slot_twice()
    {
        var slots = new LoopSlots<object>(capacity: 4);
        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var item = new object();
                var key = slots.Add(item);
                if (!ReferenceEquals(slots.Find(key), item)) Interlocked.Increment(ref wrong);
                slots.Remove(key);
                if (slots.Find(key) is not null) Interlocked.Increment(ref wrong);
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.That(wrong, Is.Zero);
    }

    /// <summary>
    /// Ping-pong: each round the waiter reads the count, says it is about to wait, and waits; the loop's side
    /// signals once as soon as it hears that, so the signal lands before, during or after the wait registers.
    /// A lost wake-up leaves the round waiting forever (the bound catches it); a double completion throws.
    /// </summary>
    [Test]
    public async Task A_signal_racing_the_wait_it_should_wake_is_never_lost_in_many_rounds()
    {
        const int rounds = 50_000;
        var signal = new ReadySignal();
        var ready = 0;
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            for (var round = 1; round <= rounds && !stop.IsCancellationRequested; round++)
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref ready) < round && !stop.IsCancellationRequested) spin.SpinOnce(sleep1Threshold: -1);
                signal.Signal();
            }
        }) { IsBackground = true };
        loop.Start();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var seen = signal.Seen;
                Volatile.Write(ref ready, round);
                // The event this round waits for may already be counted: then the wait returns at once.
                // Woken inline on the loop's thread, as the loop does; the rest of the round goes on elsewhere, or it would end up joining itself.
                if (signal.Seen == seen)
                {
                    await signal.WaitAsync(seen, CancellationToken.None).AsTask().WaitAsync(Bound);
                    await Task.Yield();
                }
            }
        }
        finally { stop.Cancel(); }
        Assert.That(loop.Join(Bound), Is.True, $"the loop side did not end: {signal.Seen} signals, ready {Volatile.Read(ref ready)}, state {loop.ThreadState}");
        Assert.That(signal.Seen, Is.EqualTo(rounds));
    }

    [Test]
    public async Task A_cancellation_racing_a_signal_ends_the_wait_exactly_once_either_way()
    {
        var signal = new ReadySignal();
        var (woken, cancelled) = (0, 0);
        for (var round = 0; round < 5_000; round++)
        {
            using var cancel = new CancellationTokenSource();
            var wait = signal.WaitAsync(signal.Seen, cancel.Token).AsTask();
            var racers = new[] { Task.Run(signal.Signal), Task.Run(cancel.Cancel) };
            try
            {
                await wait.WaitAsync(Bound);
                woken++;
            }
            catch (OperationCanceledException) { cancelled++; }
            await Task.WhenAll(racers).WaitAsync(Bound);
        }
        Assert.That(woken + cancelled, Is.EqualTo(5_000));
    }
}
