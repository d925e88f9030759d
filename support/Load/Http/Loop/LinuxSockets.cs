using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// The few libc calls the load I/O loops make: epoll, and connect/recv/send on a non-blocking socket
/// whose descriptor a <see cref="Socket"/> owns. Linux only; errno values are the generic ones that
/// x64 and arm64 share.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const int WouldBlock = 11, Interrupted = 4, BadDescriptor = 9; // EAGAIN, EINTR, EBADF
    public const int InProgress = 115, Already = 114, AlreadyConnected = 106; // EINPROGRESS, EALREADY, EISCONN
    public const uint In = 0x001, Out = 0x004, Error = 0x008, HangUp = 0x010, PeerClosed = 0x2000, EdgeTriggered = 1u << 31;
    private const int CtlAdd = 1, CtlDelete = 2, NoSignal = 0x4000, Peek = 0x2, SolSocket = 1, SoError = 4;

    /// <summary>Whether this process can run the loops: Linux on x64 or arm64 (epoll_event's layout is known there).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    // epoll_event is packed on x64 (12 bytes), naturally aligned elsewhere (16).
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int op, nint fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int max, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(nint fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(nint fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint Send(nint fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(nint fd, int level, int name, int* value, int* length);

    public static (uint Events, ulong Data) ReadEvent(byte* events, int index) =>
        (*(uint*)(events + index * EventSize), *(ulong*)(events + index * EventSize + DataOffset));

    /// <summary>Adds <paramref name="fd"/> for reads and writes, edge-triggered: one event per change, none per wait.</summary>
    public static int Add(int epoll, nint fd, ulong data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = In | Out | PeerClosed | EdgeTriggered;
        *(ulong*)(ev + DataOffset) = data;
        return EpollCtl(epoll, CtlAdd, fd, ev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    public static void Remove(int epoll, nint fd)
    {
        var ev = stackalloc byte[16];
        EpollCtl(epoll, CtlDelete, fd, ev);
    }

    /// <summary>Starts a connect, or asks how it goes: 0 when done, else minus the errno (EINPROGRESS while it goes on).</summary>
    public static int StartConnect(nint fd, ReadOnlySpan<byte> socketAddress)
    {
        fixed (byte* address = socketAddress)
            return Connect(fd, address, socketAddress.Length) == 0 ? 0 : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Minus the socket's pending error (SO_ERROR; reading clears it): how a failed connect is reported. 0 for none.</summary>
    public static int PendingError(nint fd)
    {
        int value = 0, length = sizeof(int);
        return -(GetSockOpt(fd, SolSocket, SoError, &value, &length) == 0 ? value : Marshal.GetLastPInvokeError());
    }

    /// <summary>Bytes received (0 at the end of the stream), or minus the errno. An empty buffer peeks one byte.</summary>
    public static int Receive(nint fd, Span<byte> buffer)
    {
        byte peeked;
        fixed (byte* b = buffer)
        {
            var n = buffer.IsEmpty ? Recv(fd, &peeked, 1, Peek) : Recv(fd, b, buffer.Length, 0);
            return n >= 0 ? (buffer.IsEmpty ? 0 : (int)n) : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Bytes sent, or minus the errno. A closed peer is an error, never a SIGPIPE.</summary>
    public static int Transmit(nint fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            var n = Send(fd, b, buffer.Length, NoSignal);
            return n >= 0 ? (int)n : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>An errno as the SocketException .NET's own sockets would throw, so errors classify the same.</summary>
    public static SocketException Exception(int errno) => new((int)(errno switch
    {
        111 => SocketError.ConnectionRefused,
        104 => SocketError.ConnectionReset,
        32 => SocketError.Shutdown, // EPIPE
        103 => SocketError.ConnectionAborted,
        110 => SocketError.TimedOut,
        101 => SocketError.NetworkUnreachable,
        113 => SocketError.HostUnreachable,
        107 => SocketError.NotConnected,
        99 => SocketError.AddressNotAvailable,
        105 => SocketError.NoBufferSpaceAvailable,
        9 => SocketError.OperationAborted, // EBADF: closed under us
        _ => SocketError.SocketError,
    }));
}
