using MangaMotion.Acceptance.Probes;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Probes;

/// <summary>The docker stats arithmetic on the Engine API's JSON (no Docker engine runs here; the socket's absence is reported, see ResourceProbe).</summary>
public sealed class ContainerStatsTests
{
    private static string Stats(long container, long system, long memory) =>
        "{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":" + container + "},\"system_cpu_usage\":" + system +
        ",\"online_cpus\":2},\"memory_stats\":{\"usage\":" + memory + ",\"limit\":1000}}";

    [Test]
    public void Cpu_is_the_containers_share_of_the_system_times_the_cpus_and_memory_a_share_of_the_limit()
    {
        var before = ContainerStats.Parse(Stats(1_000, 10_000, 100));
        var now = ContainerStats.Parse(Stats(1_800, 11_000, 850));
        var figures = ContainerStats.Figures(now, before);
        Assert.That(figures["cpu_percent"], Is.EqualTo(160).Within(1e-9), "0.8 of the system's time on 2 cpus: 1.6 cores");
        Assert.That(figures["memory_percent"], Is.EqualTo(85).Within(1e-9));
    }

    [Test]
    public void A_first_reading_has_no_cpu_yet_and_missing_fields_are_not_assumed()
    {
        var first = ContainerStats.Parse("""{"cpu_stats":{"cpu_usage":{"total_usage":5}}}""");
        Assert.That(ContainerStats.Figures(first, null).Keys, Is.EqualTo(new[] { "memory_bytes" }));
    }

    [Test]
    public void The_deployments_share_of_the_docker_host_sums_its_containers()
    {
        var api = ContainerStats.Parse(Stats(1_800, 11_000, 300));
        var worker = ContainerStats.Parse(Stats(1_800, 11_000, 200));
        var figures = new Dictionary<string, double> { ["container.api.cpu_percent"] = 60, ["container.worker.cpu_percent"] = 100, ["container.api.memory_bytes"] = 300 };
        var target = ContainerStats.Target(figures, [api, worker]);
        Assert.That(target[ResourceProbe.TargetCpu], Is.EqualTo(80).Within(1e-9), "1.6 cores of 2");
        Assert.That(target[ResourceProbe.TargetMemory], Is.EqualTo(50).Within(1e-9), "500 of the host's 1000");
    }
}
