namespace MangaMotion.Acceptance.Stack.Faults;

/// <summary>
/// Keeps the database faults that are flags (lock contention, periodic deadlocks, held connections)
/// in force while they are switched on, whether from the start (STACK_FAULTS) or during a run (/admin).
/// </summary>
public sealed class DatabaseFaultLoop(DatabaseFaults database, FaultSettings.Watcher faults) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _lock = Task.CompletedTask;
    private DateTime _lastDeadlock = DateTime.MinValue;
    private int _held;

    public void Start() => _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await Next(timer))
        {
            var current = faults.Current;
            try
            {
                if (current.LockContention && _lock.IsCompleted)
                    _lock = database.HoldLockAsync(TimeSpan.FromSeconds(2), exclusive: true).ContinueWith(_ => Task.Delay(1000)).Unwrap();
                if (current.DeadlockEverySeconds > 0 && DateTime.UtcNow - _lastDeadlock > TimeSpan.FromSeconds(current.DeadlockEverySeconds))
                {
                    _lastDeadlock = DateTime.UtcNow;
                    _ = database.ForceDeadlockAsync();
                }
                if (current.HeldConnections != _held)
                {
                    database.Release();
                    _held = current.HeldConnections;
                    if (_held > 0) await database.ExhaustConnectionsAsync(_held, TimeSpan.FromDays(1));
                }
            }
            catch (Exception e) { Console.Error.WriteLine($"database fault: {e.GetType().Name}: {e.Message}"); }
        }
    });

    private async Task<bool> Next(PeriodicTimer timer)
    {
        try { return await timer.WaitForNextTickAsync(_stop.Token); }
        catch (OperationCanceledException) { return false; }
    }

    public void Dispose()
    {
        _stop.Cancel();
        database.Release();
    }
}
