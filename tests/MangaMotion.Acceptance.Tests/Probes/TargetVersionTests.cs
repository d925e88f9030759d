using System.Text.Json;
using MangaMotion.Acceptance.Probes;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Probes;

/// <summary>The deployment's version read from its health answer when TARGET_VERSION is unset.</summary>
public sealed class TargetVersionTests
{
    [TestCase("""{"status":"healthy","version":"1.4.2"}""", "1.4.2")]
    [TestCase("""{"status":"healthy","build":{"version":" 2026.12.05-abc123 ","commit":"abc123"}}""", "2026.12.05-abc123")]
    [TestCase("""{"status":"healthy","app":{"name":"api","version":"3.0.0-rc1"}}""", "3.0.0-rc1")]
    [TestCase("""{"status":"healthy","timestamp":"2026-12-05T10:00:00Z","metrics":{},"alerts":{}}""", null)]
    [TestCase("""{"status":"healthy","version":42}""", null)]
    [TestCase("""{"status":"healthy","version":""}""", null)]
    [TestCase("""["healthy"]""", null)]
    public void A_health_answer_names_the_version_at_its_top_or_under_build_app_or_service(string answer, string? expected) =>
        Assert.That(TargetVersion.In(JsonDocument.Parse(answer).RootElement), Is.EqualTo(expected));

    [Test]
    public async Task A_target_that_does_not_answer_has_no_version()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: the connection is refused
        Assert.That(await TargetVersion.ReadAsync(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(3)), Is.Null);
    }
}
