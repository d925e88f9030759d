using System.Net.Sockets;
using System.Text;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// Calibration: 50 tasks writing a fixed GET on their own keep-alive socket and reading the answer
/// (headers, then Content-Length bytes), no HttpClient and no engine. What .NET's sockets, async
/// machinery and thread pool cost per request on their own, with .NET's socket engine handing each
/// completion to the thread pool. Since the load client's sockets moved to the engine's own I/O loops
/// (support/Load/Http/Loop) this is no longer the floor under the engine; it shows what .NET's default
/// path costs without HttpClient.
/// </summary>
public static class RawSocketLoop
{
    public static async Task<Figures> RunAsync(Uri url, int connections, TimeSpan duration)
    {
        var request = Encoding.ASCII.GetBytes($"GET /ok HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n");
        var sockets = new List<Socket>();
        for (var i = 0; i < connections; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(url.Host, url.Port);
            sockets.Add(socket);
        }
        try
        {
            return await TimedLoop.RunAsync("raw", sockets.Select(socket =>
            {
                var buffer = new byte[4096];
                return (Func<Task>)(async () =>
                {
                    await socket.SendAsync(request, SocketFlags.None).ConfigureAwait(false);
                    await ReadResponseAsync(socket, buffer).ConfigureAwait(false);
                });
            }).ToList(), duration);
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>Reads one response: up to the blank line, then as many body bytes as Content-Length says.</summary>
    internal static async Task ReadResponseAsync(Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
            if (n == 0) throw new IOException("the endpoint closed the connection");
            filled += n;
            var text = buffer.AsSpan(0, filled);
            var end = text.IndexOf("\r\n\r\n"u8);
            if (end < 0) continue;
            var length = ContentLength(text[..end]);
            if (filled >= end + 4 + length) return;
        }
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        var at = headers.IndexOf("Content-Length: "u8);
        if (at < 0) throw new InvalidDataException("the endpoint's answer has no Content-Length");
        var digits = headers[(at + 16)..];
        var value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') break;
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
