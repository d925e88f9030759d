using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using System.Net.Sockets;
using System.Text.Json;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// The guide's `docker stats`: CPU and memory per container from the Docker Engine API over its unix
/// socket. Only part of the probe set where the socket exists; elsewhere the resources probe says so.
/// </summary>
public sealed class ContainerProbe(string socketPath = "/var/run/docker.sock") : IProbe, IDisposable
{
    private readonly HttpClient _docker = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(5) };

    private readonly Dictionary<string, ContainerStats.Reading> _previous = new();

    public string Name => ProbeNames.Containers;
    public ProbeCost Cost => ProbeCost.Heavy;
    public string SettingToCheck => "(the Docker engine socket)";

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        var values = new Dictionary<string, double>();
        using var list = JsonDocument.Parse(await _docker.GetStringAsync("containers/json", cancellation));
        var readings = new List<ContainerStats.Reading>();
        foreach (var container in list.RootElement.EnumerateArray())
        {
            var id = container.GetProperty("Id").GetString()!;
            var name = container.GetProperty("Names")[0].GetString()!.TrimStart('/');
            var stats = await _docker.GetStringAsync($"containers/{id}/stats?stream=false&one-shot=true", cancellation);
            var reading = ContainerStats.Parse(stats);
            foreach (var (key, value) in ContainerStats.Figures(reading, _previous.GetValueOrDefault(name))) values[$"container.{name}.{key}"] = value;
            _previous[name] = reading;
            readings.Add(reading);
        }
        foreach (var (key, value) in ContainerStats.Target(values, readings)) values[key] = value;
        return new ProbeReading(values, []);
    }

    public void Dispose() => _docker.Dispose();
}

/// <summary>The arithmetic of `docker stats`, on two readings of a container's stats.</summary>
public static class ContainerStats
{
    public sealed record Reading(double ContainerCpu, double SystemCpu, int Cpus, double MemoryUsage, double MemoryLimit);

    public static Reading Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var cpu = root.GetProperty("cpu_stats");
        double Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        var memory = root.TryGetProperty("memory_stats", out var m) ? m : default;
        return new Reading(Number(cpu.GetProperty("cpu_usage"), "total_usage"), Number(cpu, "system_cpu_usage"),
            cpu.TryGetProperty("online_cpus", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 1,
            memory.ValueKind == JsonValueKind.Object ? Number(memory, "usage") : 0, memory.ValueKind == JsonValueKind.Object ? Number(memory, "limit") : 0);
    }

    /// <summary>CPU % as docker stats shows it (100 % = one core) since the previous reading; memory % of the container's limit.</summary>
    /// <summary>
    /// The deployment's share of the Docker host (the guide's docker-compose stack is every container
    /// there): CPU summed over containers as a share of the host's cores, memory summed over the host's memory.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Target(IReadOnlyDictionary<string, double> figures, IReadOnlyList<Reading> readings)
    {
        var target = new Dictionary<string, double>();
        if (readings.Count == 0) return target;
        var cpus = Math.Max(1, readings.Max(r => r.Cpus));
        var cpu = figures.Where(f => f.Key.EndsWith(".cpu_percent", StringComparison.Ordinal)).Select(f => f.Value).ToList();
        if (cpu.Count > 0) target[ResourceProbe.TargetCpu] = cpu.Sum() / cpus;
        if (readings.Max(r => r.MemoryLimit) is > 0 and var host) target[ResourceProbe.TargetMemory] = 100 * readings.Sum(r => r.MemoryUsage) / host;
        return target;
    }

    public static IReadOnlyDictionary<string, double> Figures(Reading now, Reading? before)
    {
        var figures = new Dictionary<string, double> { ["memory_bytes"] = now.MemoryUsage };
        if (now.MemoryLimit > 0) figures[ResourceMeasurements.MachineMemory] = 100 * now.MemoryUsage / now.MemoryLimit;
        if (before is not null && now.SystemCpu > before.SystemCpu)
            figures[ResourceMeasurements.MachineCpu] = (now.ContainerCpu - before.ContainerCpu) / (now.SystemCpu - before.SystemCpu) * now.Cpus * 100;
        return figures;
    }
}
