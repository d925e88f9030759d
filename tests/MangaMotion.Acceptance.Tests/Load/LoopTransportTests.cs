using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MangaMotion.Acceptance.Load.Http.Loop;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>
/// The load client's sockets on the engine's own I/O loops, against a plain TCP peer on loopback:
/// bytes both ways, waiting in each direction, the end of a stream, cancellation, closing, refusal.
/// </summary>
public sealed class LoopTransportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_read_that_waits_is_resumed_on_a_load_IO_thread_with_the_peers_bytes()
    {
        using var pair = await Pair.OpenAsync();
        var buffer = new byte[16];
        var read = ReadWhereAsync(pair.Client, buffer);
        Assert.That(read.IsCompleted, Is.False, "nothing was sent yet");
        await pair.Server.SendAsync("hello"u8.ToArray());
        var (count, onLoop) = await read.WaitAsync(Bound);
        Assert.That(buffer.AsSpan(0, count).ToArray(), Is.EqualTo("hello"u8.ToArray()));
        Assert.That(onLoop, Is.True, "the continuation ran on a thread-pool hand-off instead of the loop");

        await pair.Client.WriteAsync("world"u8.ToArray());
        var received = new byte[5];
        await pair.Server.ReceiveAsync(received).WaitAsync(Bound);
        Assert.That(received, Is.EqualTo("world"u8.ToArray()));
    }

    [Test]
    public async Task A_write_larger_than_the_socket_buffers_waits_for_the_peer_and_arrives_whole()
    {
        using var pair = await Pair.OpenAsync();
        var payload = RandomNumberGenerator.GetBytes(32 * 1024 * 1024);
        var write = pair.Client.WriteAsync(payload).AsTask();
        await Task.Delay(200);
        Assert.That(write.IsCompleted, Is.False, "32 MiB fit in the socket buffers, so the wait was never exercised");
        using var received = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (received.Length < payload.Length)
            received.Write(chunk, 0, await pair.Server.ReceiveAsync(chunk).WaitAsync(Bound));
        await write.WaitAsync(Bound);
        Assert.That(SHA256.HashData(received.ToArray()), Is.EqualTo(SHA256.HashData(payload)));
    }

    [Test]
    public async Task Closing_the_stream_ends_a_write_that_waits_and_the_connection_with_it()
    {
        using var pair = await Pair.OpenAsync();
        var write = pair.Client.WriteAsync(new byte[32 * 1024 * 1024]).AsTask();
        Assert.That(write.IsCompleted, Is.False, "the peer reads nothing: the write must be waiting for the loop");
        pair.Client.Dispose();
        var ended = Assert.CatchAsync(async () => await write.WaitAsync(Bound));
        Assert.That(ended, Is.InstanceOf<ObjectDisposedException>().Or.InstanceOf<IOException>(), ended?.ToString());
        // The peer sees the connection end (after whatever was sent before the close).
        var chunk = new byte[1 << 16];
        while (await pair.Server.ReceiveAsync(chunk).WaitAsync(Bound) > 0) { }
    }

    [Test]
    public async Task A_zero_byte_read_waits_for_data_and_consumes_none_of_it()
    {
        // HttpClient's idle pooled connections wait this way before reusing a connection.
        using var pair = await Pair.OpenAsync();
        var peek = pair.Client.ReadAsync(Memory<byte>.Empty).AsTask();
        Assert.That(peek.IsCompleted, Is.False);
        await pair.Server.SendAsync("abc"u8.ToArray());
        Assert.That(await peek.WaitAsync(Bound), Is.Zero);
        var buffer = new byte[8];
        Assert.That(await pair.Client.ReadAsync(buffer).AsTask().WaitAsync(Bound), Is.EqualTo(3));
    }

    [Test]
    public async Task The_peer_closing_ends_the_stream()
    {
        using var pair = await Pair.OpenAsync();
        var read = pair.Client.ReadAsync(new byte[8]).AsTask();
        pair.Server.Shutdown(SocketShutdown.Both);
        Assert.That(await read.WaitAsync(Bound), Is.Zero);
    }

    [Test]
    public async Task A_cancelled_read_ends_as_cancelled()
    {
        using var pair = await Pair.OpenAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var read = pair.Client.ReadAsync(new byte[8], cancel.Token).AsTask();
        Assert.That(async () => await read.WaitAsync(Bound), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Closing_the_stream_ends_a_read_that_waits()
    {
        using var pair = await Pair.OpenAsync();
        var read = pair.Client.ReadAsync(new byte[8]).AsTask();
        await pair.Client.DisposeAsync();
        Assert.That(async () => await read.WaitAsync(Bound), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task A_port_with_nothing_listening_refuses_the_connection()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var e = Assert.ThrowsAsync<SocketException>(async () => await LoopConnector.ConnectAsync(new DnsEndPoint("127.0.0.1", port), default));
        Assert.That(e!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public async Task Localhost_reaches_a_peer_listening_on_IPv4_alone()
    {
        using var pair = await Pair.OpenAsync("localhost");
        await pair.Server.SendAsync("x"u8.ToArray());
        Assert.That(await pair.Client.ReadAsync(new byte[1]).AsTask().WaitAsync(Bound), Is.EqualTo(1));
    }

    private static async Task<(int Count, bool OnLoop)> ReadWhereAsync(Stream stream, byte[] buffer)
    {
        var count = await stream.ReadAsync(buffer).ConfigureAwait(false);
        return (count, IoLoop.OnLoopThread);
    }

    /// <summary>A loop-served client stream and the accepted plain socket of its peer.</summary>
    private sealed class Pair(Stream client, Socket server, TcpListener listener) : IDisposable
    {
        public Stream Client { get; } = client;
        public Socket Server { get; } = server;

        public static async Task<Pair> OpenAsync(string host = "127.0.0.1")
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var accept = listener.AcceptSocketAsync();
            var client = await LoopConnector.ConnectAsync(new DnsEndPoint(host, ((IPEndPoint)listener.LocalEndpoint).Port), default).AsTask().WaitAsync(Bound);
            return new Pair(client, await accept.WaitAsync(Bound), listener);
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
            listener.Stop();
        }
    }
}
