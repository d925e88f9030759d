using System.Net;
using System.Net.Sockets;

namespace MangaMotion.Acceptance.Load.Http;

/// <summary>
/// Where the continuation of a socket operation runs in this process. The process keeps .NET's default:
/// the socket engine hands every completion to the thread pool. With <see cref="Variable"/> set to 1 at
/// process start, completions run inline on the engine's own threads instead, as wrk's event loop does,
/// and at saturation on two cores the engine's CPU per request fell from 1.8x to 1.2-1.3x wrk's
/// (BENCHMARKS.md). It is not the suite's setting because the mode is process-wide and not every
/// library in the process is asynchronous all the way down: the AWS SDK (the S3 probe, the cleanup,
/// the embedded stack's start-up) reads an error response's body synchronously inside its async call,
/// and on an inline I/O thread that read waits for the thread it is blocking. The suite's own tests
/// hung that way (2026-11-25, Swift answering the first bucket with an error), with no reports written.
/// The load client gets the inline behaviour for its own sockets alone, from the engine's I/O loops
/// (<see cref="Loop.LoopConnector"/>); every other socket stays on the default.
/// </summary>
/// <remarks>The benchmark prints which mode it measured; this type lets it and the tests observe it.</remarks>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process asked for inline completions (what the runtime read at its start).</summary>
    public static bool InlineRequested => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>
    /// Watches one completion: a receive on a loopback pair that must wait for data, and whether its
    /// continuation then ran on a thread-pool thread. True when completions run inline.
    /// </summary>
    public static async Task<bool> ObserveInlineAsync(CancellationToken cancellation = default)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, cancellation).ConfigureAwait(false);
        using var server = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
        // The continuation is attached while the receive waits, so whoever completes it runs it.
        var ranInline = ReceiveAsync(client, cancellation);
        if (ranInline.IsCompleted) throw new InvalidOperationException("the receive completed before anything was sent");
        await server.SendAsync(new byte[] { 1 }, SocketFlags.None, cancellation).ConfigureAwait(false);
        return await ranInline.ConfigureAwait(false);
    }

    private static async Task<bool> ReceiveAsync(Socket socket, CancellationToken cancellation)
    {
        await socket.ReceiveAsync(new byte[1], SocketFlags.None, cancellation).ConfigureAwait(false);
        return !Thread.CurrentThread.IsThreadPoolThread;
    }
}
