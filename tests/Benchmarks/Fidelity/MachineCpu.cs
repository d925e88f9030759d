using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// How busy the whole machine was between two readings of /proc/stat (every core, every process): the
/// tool and the truth server share the cores, so past about 90 % every latency includes waiting for one.
/// </summary>
public sealed class MachineCpu
{
    private readonly (long Busy, long Total)? _start = Read();

    private static (long Busy, long Total)? Read()
    {
        if (!File.Exists("/proc/stat")) return null;
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0); // idle + iowait
        var total = ticks.Take(8).Sum(); // guest time is already inside user
        return (total - idle, total);
    }

    /// <summary>The busy share since this was created, "n/a" where /proc/stat is not there.</summary>
    public string BusySince()
    {
        if (_start is not { } start || Read() is not { } now || now.Total == start.Total) return "n/a";
        return string.Create(CultureInfo.InvariantCulture, $"{100.0 * (now.Busy - start.Busy) / (now.Total - start.Total):0} %");
    }
}
