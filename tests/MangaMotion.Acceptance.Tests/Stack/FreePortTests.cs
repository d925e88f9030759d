using System.Net;
using System.Net.Sockets;
using MangaMotion.Acceptance.Stack.Lifecycle;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>The stack's ports are bindable and never ones the kernel gives outgoing connections.</summary>
public sealed class FreePortTests
{
    [Test]
    public void Ports_are_distinct_bindable_and_below_the_ephemeral_range()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();
        Assert.That(ports, Is.Unique);
        Assert.That(ports, Has.All.LessThan(FreePort.EphemeralRangeStart()), "an outgoing connection cannot take the port before the server binds it");
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        Assert.DoesNotThrow(listener.Start);
    }

    [Test]
    public void A_port_a_server_holds_is_not_given()
    {
        var held = Enumerable.Range(0, 20).Select(_ => { var l = new TcpListener(IPAddress.Loopback, FreePort.Next()); l.Start(); return l; }).ToList();
        try
        {
            var taken = held.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToHashSet();
            Assert.That(Enumerable.Range(0, 50).Select(_ => FreePort.Next()), Has.None.Matches<int>(taken.Contains));
        }
        finally { held.ForEach(l => l.Stop()); }
    }
}
