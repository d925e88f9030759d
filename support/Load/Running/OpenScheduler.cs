using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// Open model: starts each arrival at its planned moment whatever the system's response time, on a
/// dedicated pacing thread (timers are too coarse for thousands per second). An arrival that finds
/// all slots busy is counted as dropped; every started one knows how late it started.
/// </summary>
internal sealed class OpenScheduler(LoadPlan plan, IterationRunner iterations, MeasurementStore store, RunClock clock, GeneratorWatch watch)
{
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan InlineSpare = TimeSpan.FromMilliseconds(1);
    private CancellationTokenSource _hardStop = new();
    private readonly List<Task> _running = [];
    private int _inFlight;

    /// <param name="stopStarting">ends the plan early: no more arrivals; running ones finish within the grace</param>
    /// <param name="hardStop">stops every iteration at once</param>
    public async Task RunAsync(CancellationToken stopStarting, CancellationToken hardStop)
    {
        _hardStop = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        // Completed by the pacing thread itself: joining it from the pool would block a pool thread,
        // and on two cores that starves the continuations that free slots (arrivals get dropped).
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacing = new Thread(() =>
        {
            try { Pace(stopStarting); paced.SetResult(); }
            catch (Exception e) { paced.SetException(e); }
        }) { IsBackground = true, Name = "open-model pacing" };
        pacing.Start();
        await paced.Task.ConfigureAwait(false);
        store.SetTargetUsers(0);
        Task[] running;
        lock (_running) running = _running.ToArray();
        await ClosedScheduler.FinishAsync(running.Select(t => (t, _hardStop)).ToList(), plan.GracefulStop).ConfigureAwait(false);
        _hardStop.Dispose();
    }

    private void Pace(CancellationToken stopStarting)
    {
        // The thread sleeps to each arrival's instant and never spins: a spinning pacer takes a core
        // from the system under test when both share a machine (a whole core at 10,000 arrivals/s on
        // two cores). How late the wake-up was is the arrival's lag, in its corrected latency. Long
        // waits are slept in slices, so that a stop is seen between arrivals far apart.
        PreciseSleep.TightenCurrentThread();
        // An agent's share owns every N-th arrival of the whole plan, at the whole plan's instant.
        var timing = plan.Timing ?? plan;
        var total = timing.PlannedArrivals;
        for (long next = plan.Segment.Index; next < total && !stopStarting.IsCancellationRequested;)
        {
            var intended = timing.TimeOfArrival(next);
            var wait = intended - clock.Elapsed;
            if (wait > TimeSpan.Zero) { PreciseSleep.For(wait < StopCheck ? wait : StopCheck); continue; }
            store.ArrivalPlanned();
            store.SetTargetUsers((int)Math.Ceiling(plan.ValueAt(intended)));
            if (Interlocked.Increment(ref _inFlight) > plan.MaxUsers)
            {
                Interlocked.Decrement(ref _inFlight);
                store.ArrivalDropped();
            }
            else
            {
                var following = next + plan.Segment.Count;
                var spare = following < total ? timing.TimeOfArrival(following) - clock.Elapsed : TimeSpan.MaxValue;
                Launch(next / plan.Segment.Count, intended, spare);
            }
            next += plan.Segment.Count;
        }
    }

    /// <param name="spare">time before the next arrival is due</param>
    private void Launch(long arrival, TimeSpan intended, TimeSpan spare)
    {
        var slot = (int)(arrival % plan.MaxUsers);
        // With time to spare the pacing thread starts the iteration itself, up to its first wait (the
        // request written to its socket): a hand-off to the pool wakes a worker that then spins, most of
        // the engine's CPU per journey at a guide-like rate. Arrivals closer together go to the pool, so
        // that one thread never holds the pace back.
        var task = spare >= InlineSpare ? StartAsync(slot, intended) : Task.Run(() => StartAsync(slot, intended));
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task StartAsync(int slot, TimeSpan intended)
    {
        var late = clock.Elapsed - intended;
        watch.ArrivalStarted(late);
        try { await iterations.RunAsync(slot, late, _hardStop.Token).ConfigureAwait(false); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }
}
