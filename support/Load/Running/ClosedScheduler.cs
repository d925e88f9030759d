using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// Closed model: keeps as many virtual users looping the journey as the plan asks for at each moment.
/// A user above the target finishes its current iteration, for at most the plan's grace, then is stopped.
/// </summary>
internal sealed class ClosedScheduler(LoadPlan plan, IterationRunner iterations, MeasurementStore store, RunClock clock)
{
    private static readonly TimeSpan ControlInterval = TimeSpan.FromMilliseconds(20);
    private CancellationToken _hardStop;

    private sealed class VirtualUser(int id)
    {
        public int Id { get; } = id;
        public Task Loop { get; set; } = Task.CompletedTask;
        public CancellationTokenSource Stop { get; set; } = new();
        public volatile bool Retiring;
        public TimeSpan RetiringSince;
    }

    /// <param name="stopStarting">ends the plan early (abort, interruption): users finish within the grace</param>
    /// <param name="hardStop">stops every iteration at once</param>
    public async Task RunAsync(CancellationToken stopStarting, CancellationToken hardStop)
    {
        _hardStop = hardStop;
        var users = new List<VirtualUser>();
        while (!stopStarting.IsCancellationRequested && clock.Elapsed < plan.Duration)
        {
            var now = clock.Elapsed;
            var target = plan.UsersAt(now);
            store.SetTargetUsers(target);
            while (users.Count < target) users.Add(new VirtualUser(users.Count));
            foreach (var user in users)
            {
                if (user.Id < target) Activate(user);
                else Retire(user, now);
            }
            try { await Task.Delay(ControlInterval, stopStarting).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        store.SetTargetUsers(0);
        foreach (var user in users) user.Retiring = true;
        await FinishAsync(users.Select(u => (u.Loop, u.Stop)).ToList(), plan.GracefulStop).ConfigureAwait(false);
    }

    private void Activate(VirtualUser user)
    {
        user.Retiring = false;
        if (!user.Loop.IsCompleted) return;
        user.Stop.Dispose();
        user.Stop = CancellationTokenSource.CreateLinkedTokenSource(_hardStop);
        var token = user.Stop.Token;
        user.Loop = Task.Run(async () =>
        {
            using var deadline = iterations.NewDeadline(token);
            while (!user.Retiring && !token.IsCancellationRequested)
                await iterations.RunAsync(user.Id, null, token, deadline).ConfigureAwait(false);
        });
    }

    private void Retire(VirtualUser user, TimeSpan now)
    {
        if (user.Loop.IsCompleted) return;
        if (!user.Retiring)
        {
            user.Retiring = true;
            user.RetiringSince = now;
        }
        else if (now - user.RetiringSince > plan.GracefulStop) user.Stop.Cancel();
    }

    /// <summary>Waits for running iterations up to the grace, then cancels what is left and waits for it to unwind.</summary>
    internal static async Task FinishAsync(IReadOnlyList<(Task Loop, CancellationTokenSource Stop)> running, TimeSpan grace)
    {
        var all = Task.WhenAll(running.Select(r => r.Loop));
        if (await Task.WhenAny(all, Task.Delay(grace)).ConfigureAwait(false) != all)
            foreach (var r in running) r.Stop.Cancel();
        await all.ConfigureAwait(false);
    }
}
