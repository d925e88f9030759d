using System.Threading.Tasks.Sources;

namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// One direction (read or write) of one socket: the loop counts the readiness events it sees, and a
/// caller whose attempt would block waits for the next one. The caller reads <see cref="Seen"/> before
/// its attempt and waits for a count past it, so an event that lands between the attempt and the wait
/// is never lost; a stray event only costs one more attempt. The waiter's continuation runs inline on
/// whichever thread signals (the loop, or a cancelling timer): that is the point of the loop.
/// </summary>
internal sealed class ReadySignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core; // RunContinuationsAsynchronously is false
    private CancellationTokenRegistration _cancellation;
    private int _events, _waiting;
    private volatile Exception? _closed;

    public int Seen => Volatile.Read(ref _events);

    /// <summary>Called by the loop for each readiness event of this direction.</summary>
    public void Signal()
    {
        Interlocked.Increment(ref _events);
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetResult(true);
    }

    /// <summary>Ends any wait and every later one with <paramref name="reason"/> (the stream was closed).</summary>
    public void Close(Exception reason)
    {
        _closed = reason;
        Interlocked.Increment(ref _events);
        Fail(reason);
    }

    /// <summary>Completes after the loop has seen an event beyond <paramref name="seen"/>.</summary>
    public ValueTask WaitAsync(int seen, CancellationToken cancellation)
    {
        if (_closed is { } closed) return ValueTask.FromException(closed);
        _core.Reset();
        Interlocked.Exchange(ref _waiting, 1);
        // An event since the attempt: take the wait back and retry at once (unless the loop took it first).
        if (Seen != seen && Interlocked.Exchange(ref _waiting, 0) == 1) return ValueTask.CompletedTask;
        if (cancellation.CanBeCanceled)
            _cancellation = cancellation.UnsafeRegister(static (s, token) => ((ReadySignal)s!).Fail(new OperationCanceledException(token)), this);
        if (_closed is { } late) Fail(late);
        return new ValueTask(this, _core.Version);
    }

    private void Fail(Exception reason)
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetException(reason);
    }

    void IValueTaskSource.GetResult(short token)
    {
        try { _core.GetResult(token); }
        finally
        {
            // Dispose, not Unregister: a cancellation callback still running elsewhere must end before the
            // next wait can be failed by it. (On the cancelling thread itself Dispose does not wait.)
            _cancellation.Dispose();
            _cancellation = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
