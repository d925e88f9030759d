using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using System.Globalization;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// CPU and memory of this machine (the load generator's, never judged as the target's) and of the
/// target's named local processes with all their descendants (PostgreSQL's
/// backends are children of its postmaster), from the kernel's accounting in /proc (the guide's
/// "CPU &lt; 80%, memory &lt; 85%"). CPU is a share of all cores since the previous reading.
/// Per-container figures need a Docker engine; without one the reading says so instead of failing.
/// </summary>
public sealed class ResourceProbe(IReadOnlyDictionary<string, int> processes) : IProbe
{
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux
    private (long Busy, long Total)? _machine;
    private readonly Dictionary<string, (long Ticks, DateTime At)> _processes = new();

    public string Name => ProbeNames.Resources;
    public ProbeCost Cost => ProbeCost.Cheap;
    public string SettingToCheck => "(this machine's /proc)";
    public static bool DockerAvailable => File.Exists("/var/run/docker.sock");

    /// <summary>The target's CPU (% of all cores) and memory (% of all memory), summed over its processes.</summary>
    public const string TargetCpu = ResourceMeasurements.TargetCpu, TargetMemory = ResourceMeasurements.TargetMemory;

    public Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        var values = new Dictionary<string, double>();
        var (busy, total) = MachineTicks();
        if (_machine is { } last && total > last.Total) values[ResourceMeasurements.MachineCpu] = 100.0 * (busy - last.Busy) / (total - last.Total);
        _machine = (busy, total);
        var memory = MemInfo();
        values[ResourceMeasurements.MachineMemory] = 100.0 * (1 - memory["MemAvailable"] / memory["MemTotal"]);
        var cores = Environment.ProcessorCount;
        values[ResourceMeasurements.Cores] = cores;
        RefreshTrees();
        var (targetCpu, targetRss) = (0.0, 0.0);
        foreach (var (name, pid) in processes)
        {
            if (TreeTicks(_trees.GetValueOrDefault(name) ?? [pid]) is not { } ticks) { values[ResourceMeasurements.ProcessUp(name)] = 0; continue; }
            var now = DateTime.UtcNow;
            if (_processes.TryGetValue(name, out var prev) && now > prev.At)
                targetCpu += values[ResourceMeasurements.ProcessCpu(name)] = 100.0 * (ticks - prev.Ticks) / TicksPerSecond / (now - prev.At).TotalSeconds / cores;
            _processes[name] = (ticks, now);
            values[ResourceMeasurements.ProcessUp(name)] = 1;
            if (ProcessRss(pid) is { } rss) targetRss += values[ResourceMeasurements.ProcessRss(name)] = rss;
        }
        // The target's own share of this machine: its processes' CPU over all cores, their resident memory over all memory.
        if (processes.Count > 0)
        {
            if (values.Keys.Any(k => ResourceMeasurements.ProcessOfCpu(k) is not null)) values[TargetCpu] = targetCpu;
            values[TargetMemory] = 100.0 * targetRss / (memory["MemTotal"] * 1024);
        }
        return Task.FromResult(new ProbeReading(values, DockerAvailable ? [] : ["no Docker engine socket: per-container CPU and memory not available, machine and process figures given instead"]));
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    private static Dictionary<string, double> MemInfo() => File.ReadLines("/proc/meminfo")
        .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
        .ToDictionary(p => p[0], p => double.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    // Which processes make up each named tree is rescanned every 10 s (a full /proc scan every second
    // was most of the sampler's CPU); in between only the members' stat files are read.
    private readonly Dictionary<string, List<int>> _trees = new();
    private DateTime _treesAt = DateTime.MinValue;

    private void RefreshTrees()
    {
        if (processes.Count == 0 || DateTime.UtcNow - _treesAt < TimeSpan.FromSeconds(10)) return;
        var table = ProcessTable();
        foreach (var (name, root) in processes) _trees[name] = Members(root, table);
        _treesAt = DateTime.UtcNow;
    }

    private static long? TreeTicks(IReadOnlyList<int> members)
    {
        long? sum = null;
        foreach (var pid in members)
            if (ProcessTicks(pid) is { } t) sum = (sum ?? 0) + t;
        return sum;
    }

    internal static long? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { return null; }
    }

    /// <summary>Every process: (parent, own CPU ticks including its waited-for children's).</summary>
    internal static Dictionary<int, (int Parent, long Ticks)> ProcessTable()
    {
        var table = new Dictionary<int, (int, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // after the name: state ppid ... utime(11) stime(12) cutime(13) cstime(14)
                table[pid] = (int.Parse(f[1]), long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return table;
    }

    internal static List<int> Members(int root, Dictionary<int, (int Parent, long Ticks)> table)
    {
        var members = new List<int>();
        if (!table.ContainsKey(root)) return members;
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            members.Add(pid);
            foreach (var child in table.Where(p => p.Value.Parent == pid).Select(p => p.Key)) pending.Push(child);
        }
        return members;
    }

    private static double? ProcessRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return null; }
    }
}
