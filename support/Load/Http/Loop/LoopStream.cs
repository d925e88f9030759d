using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// A connected, non-blocking socket as the Stream HttpClient reads and writes, its readiness watched by
/// an <see cref="IoLoop"/>. Each read or write is tried at once; only one that would block waits for
/// the loop. The <see cref="Socket"/> owns the descriptor, and every call holds a reference to its
/// handle, so closing the stream can never let a call reach a descriptor number the kernel has reused.
/// </summary>
internal sealed class LoopStream : Stream
{
    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly IoLoop _loop;
    private readonly ReadySignal _readable = new(), _writable = new();
    private int _disposed;

    public ulong Key { get; set; }

    public LoopStream(Socket socket, IoLoop loop)
    {
        _socket = socket;
        _handle = socket.SafeHandle;
        _loop = loop;
        Call(static (fd, self) => { self._loop.Add(self, fd); return 0; }, this);
    }

    /// <summary>Connects to <paramref name="socketAddress"/> (the native sockaddr), waiting on the loop while the connect goes on.</summary>
    public async ValueTask ConnectAsync(ReadOnlyMemory<byte> socketAddress, CancellationToken cancellation)
    {
        while (true)
        {
            var seen = _writable.Seen;
            // Asking again is how a non-blocking connect reports: done (0, EISCONN), still going, or failed.
            var error = Call(static (fd, address) => LinuxSockets.StartConnect(fd, address), socketAddress.Span);
            if (error is 0 or -LinuxSockets.AlreadyConnected) return;
            if (error is not (-LinuxSockets.InProgress or -LinuxSockets.Already or -LinuxSockets.Interrupted)) throw LinuxSockets.Exception(-error);
            await _writable.WaitAsync(seen, cancellation).ConfigureAwait(false);
            var pending = Call(static (fd, _) => LinuxSockets.PendingError(fd), 0);
            if (pending != 0) throw LinuxSockets.Exception(-pending);
        }
    }

    internal void OnEvents(uint flags)
    {
        if ((flags & (LinuxSockets.In | LinuxSockets.Error | LinuxSockets.HangUp | LinuxSockets.PeerClosed)) != 0) _readable.Signal();
        if ((flags & (LinuxSockets.Out | LinuxSockets.Error | LinuxSockets.HangUp)) != 0) _writable.Signal();
    }

    internal void Fault(Exception e) => Close(new IOException("The load I/O loop failed while resuming this connection.", e));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var seen = _readable.Seen;
        var n = Call(static (fd, b) => LinuxSockets.Receive(fd, b), buffer.Span);
        if (n >= 0) return new ValueTask<int>(n);
        if (n != -LinuxSockets.WouldBlock) return ValueTask.FromException<int>(Failure(n));
        return ReadLaterAsync(buffer, seen, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadLaterAsync(Memory<byte> buffer, int seen, CancellationToken cancellation)
    {
        while (true)
        {
            await _readable.WaitAsync(seen, cancellation).ConfigureAwait(false);
            seen = _readable.Seen;
            var n = Call(static (fd, b) => LinuxSockets.Receive(fd, b), buffer.Span);
            if (n >= 0) return n;
            if (n != -LinuxSockets.WouldBlock) throw Failure(n);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var seen = _writable.Seen;
            var n = Call(static (fd, b) => LinuxSockets.Transmit(fd, b), buffer.Span);
            if (n == -LinuxSockets.WouldBlock) return WriteLaterAsync(buffer, seen, cancellationToken);
            if (n < 0) return ValueTask.FromException(Failure(n));
            buffer = buffer[n..];
        }
        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteLaterAsync(ReadOnlyMemory<byte> buffer, int seen, CancellationToken cancellation)
    {
        while (true)
        {
            await _writable.WaitAsync(seen, cancellation).ConfigureAwait(false);
            // Send until done or until the socket is full again; only a full socket waits for the loop.
            while (true)
            {
                seen = _writable.Seen;
                var n = Call(static (fd, b) => LinuxSockets.Transmit(fd, b), buffer.Span);
                if (n == -LinuxSockets.WouldBlock) break;
                if (n < 0) throw Failure(n);
                buffer = buffer[n..];
                if (buffer.IsEmpty) return;
            }
        }
    }

    private delegate int Syscall<T>(nint fd, T argument) where T : allows ref struct;

    // Holds a reference to the handle for the call. The syscalls are static lambdas taking their buffer
    // as an argument: a lambda capturing it would allocate on every read and write.
    private int Call<T>(Syscall<T> syscall, T argument) where T : allows ref struct
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return syscall(_handle.DangerousGetHandle(), argument);
        }
        catch (ObjectDisposedException) { return -LinuxSockets.BadDescriptor; }
        finally { if (added) _handle.DangerousRelease(); }
    }

    private Exception Failure(int negativeErrno)
    {
        var socketError = LinuxSockets.Exception(-negativeErrno);
        // NetworkStream's wording and shape: HttpClient and the error classes see what they always see.
        return _disposed != 0
            ? new ObjectDisposedException(nameof(LoopStream))
            : new IOException($"Unable to read or write data on the transport connection: {socketError.Message}.", socketError);
    }

    private void Close(Exception reason)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Call(static (fd, self) => { self._loop.Remove(self.Key, fd); return 0; }, this);
        _readable.Close(reason);
        _writable.Close(reason);
        _socket.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close(new ObjectDisposedException(nameof(LoopStream)));
        base.Dispose(disposing);
    }

    // HttpClient's synchronous API only. On a loop thread it would wait for itself, so it says so instead.
    public override int Read(byte[] buffer, int offset, int count) => Blocking(() => ReadAsync(buffer.AsMemory(offset, count)).AsTask()).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => Blocking(() => WriteAsync(buffer.AsMemory(offset, count)).AsTask()).GetAwaiter().GetResult();
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private static T Blocking<T>(Func<T> start) => IoLoop.OnLoopThread
        ? throw new InvalidOperationException("A synchronous read or write of a load connection on a load I/O thread would wait for itself; journeys must be asynchronous all the way down.")
        : start();

    public override bool CanRead => _disposed == 0;
    public override bool CanWrite => _disposed == 0;
    public override bool CanSeek => false;
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
