using System.Collections.Concurrent;
using System.Diagnostics;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// The per-request timeout of one virtual user, reused from step to step. Arming writes a deadline
/// into a field; one shared watchdog cancels the steps whose deadline passed. Per-request timers
/// (a linked source and timer per step) cost more CPU than the rest of the engine's per-request work.
/// </summary>
internal sealed class StepDeadline : IDisposable
{
    private readonly CancellationToken _run;
    private readonly DeadlineWatch _watch;
    private CancellationTokenSource _source;
    private long _deadline; // Stopwatch timestamp; 0 = not armed

    public StepDeadline(CancellationToken run, DeadlineWatch watch)
    {
        _run = run;
        _watch = watch;
        _source = CancellationTokenSource.CreateLinkedTokenSource(run);
        watch.Add(this);
    }

    // The lock is uncontended but for the watchdog's sweep; it keeps a sweep from cancelling a step
    // that ended and re-armed between the sweep reading the deadline and cancelling.
    private readonly Lock _gate = new();

    public CancellationToken Arm(TimeSpan timeout)
    {
        lock (_gate)
        {
            _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            return _source.Token;
        }
    }

    /// <summary>True when the step's own deadline fired (not the run stopping).</summary>
    public bool Expired => _source.IsCancellationRequested && !_run.IsCancellationRequested;

    public void Disarm()
    {
        lock (_gate)
        {
            _deadline = 0;
            if (!_source.IsCancellationRequested) return;
            _source.Dispose();
            _source = CancellationTokenSource.CreateLinkedTokenSource(_run);
        }
    }

    /// <summary>Called by the watchdog: cancels the armed step if its deadline passed.</summary>
    internal void CancelIfExpired(long now)
    {
        lock (_gate)
        {
            if (_deadline != 0 && now >= _deadline) _source.Cancel();
        }
    }

    public void Dispose()
    {
        _watch.Remove(this);
        _source.Dispose();
    }
}

/// <summary>
/// One timer per run that cancels expired steps every <see cref="Resolution"/> (timeouts are late by at
/// most that). Each sweep wakes a pool thread, which then spins before it sleeps: at a guide-like rate
/// a sweep every 10 ms was a large part of the engine's CPU per journey, and step timeouts are seconds.
/// </summary>
internal sealed class DeadlineWatch : IDisposable
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<StepDeadline, byte> _armed = new();
    private readonly Timer _timer;

    public DeadlineWatch() => _timer = new Timer(_ => Sweep(), null, Resolution, Resolution);

    public void Add(StepDeadline deadline) => _armed.TryAdd(deadline, 0);

    public void Remove(StepDeadline deadline) => _armed.TryRemove(deadline, out _);

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var deadline in _armed.Keys) deadline.CancelIfExpired(now);
    }

    public void Dispose() => _timer.Dispose();
}
