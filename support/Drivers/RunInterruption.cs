using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// Why and when a run was cut short: a signal (Ctrl+C, SIGTERM, SIGHUP) or the run's deadline. The
/// first reason wins; its token stops the load promptly, and no guide test starts after it.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly List<IDisposable> _registrations = [];
    private Timer? _deadline;
    private string? _reason;

    public CancellationToken Token => _cancel.Token;
    public string? Reason => Volatile.Read(ref _reason);
    public bool IsInterrupted => Reason is not null;

    public void Interrupt(string why)
    {
        var elapsed = DateTimeOffset.UtcNow - _started;
        if (Interlocked.CompareExchange(ref _reason, $"{why} {elapsed.TotalSeconds:0} s into the run", null) is null) _cancel.Cancel();
    }

    /// <summary>Interrupts the run when the deadline passes (named by the setting that set it).</summary>
    public void StartDeadline(TimeSpan deadline, string describedAs) =>
        _deadline = new Timer(_ => Interrupt($"the run's deadline ({describedAs}) passed"), null, deadline, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// On SIGINT, SIGTERM or SIGHUP: interrupt, then run <paramref name="flush"/> (bounded) before the
    /// process ends the way the signal asks, so the reports exist, marked incomplete, and the stack is stopped.
    /// </summary>
    public void OnSignals(Func<Task> flush, TimeSpan bound)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Interrupt($"{Name(context.Signal)} received");
                try { flush().Wait(bound); }
                catch (AggregateException) { }
            }));
    }

    private static string Name(PosixSignal s) => s switch
    {
        PosixSignal.SIGINT => "SIGINT (Ctrl+C)", PosixSignal.SIGTERM => "SIGTERM", PosixSignal.SIGHUP => "SIGHUP", _ => s.ToString(),
    };

    public void Dispose()
    {
        _deadline?.Dispose();
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}

/// <summary>Thrown where a guide test would start after the run was interrupted.</summary>
public sealed class RunInterruptedException(string reason) : Exception($"not started: the run was interrupted ({reason})");
