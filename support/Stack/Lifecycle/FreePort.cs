using System.Net;
using System.Net.Sockets;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// A TCP port on 127.0.0.1 that nothing listens on right now, chosen below the kernel's ephemeral range.
/// A port the kernel hands out for bind(0) comes from that range, and between choosing it and the server
/// binding it any outgoing connection (the load's thousands) may take it as its local port; ports below
/// the range are never given to outgoing connections, so only another listener can race for them.
/// </summary>
public static class FreePort
{
    private const int Lowest = 15000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; below - Lowest > 1000 && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            lock (Given) if (!Given.Add(port)) continue;
            if (IsFree(port)) return port;
        }
        return KernelChosen();
    }

    /// <summary>The first port the kernel uses for outgoing connections (net.ipv4.ip_local_port_range).</summary>
    internal static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { return 32768; }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static int KernelChosen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
