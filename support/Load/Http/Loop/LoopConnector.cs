using System.Net;
using System.Net.Sockets;

namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// HttpClient's ConnectCallback for load connections: resolves the host, opens a non-blocking socket
/// on the next <see cref="IoLoop"/> and connects it there. HttpClient keeps everything above the
/// socket (HTTP framing, pooling, TLS through its own SslStream), so only readiness is the suite's.
/// </summary>
public static class LoopConnector
{
    /// <summary>Whether this machine can serve load sockets from the suite's own loops (Linux, x64 or arm64).</summary>
    public static bool Supported => LinuxSockets.Supported;

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation) =>
        await ConnectAsync(context.DnsEndPoint, cancellation).ConfigureAwait(false);

    internal static async ValueTask<LoopStream> ConnectAsync(DnsEndPoint host, CancellationToken cancellation)
    {
        var addresses = IPAddress.TryParse(host.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host.Host, cancellation).ConfigureAwait(false);
        SocketException? failed = null;
        // Every address in turn, as .NET's own connect does: localhost may resolve to ::1 with nothing listening there.
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            LoopStream? stream = null;
            try
            {
                stream = new LoopStream(socket, IoLoop.Next());
                var native = new IPEndPoint(address, host.Port).Serialize();
                await stream.ConnectAsync(native.Buffer[..native.Size], cancellation).ConfigureAwait(false);
                return stream;
            }
            catch (SocketException e)
            {
                failed = e;
                Close(stream, socket);
            }
            catch
            {
                Close(stream, socket);
                throw;
            }
        }
        throw failed ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static void Close(LoopStream? stream, Socket socket)
    {
        if (stream is not null) stream.Dispose();
        else socket.Dispose();
    }
}
