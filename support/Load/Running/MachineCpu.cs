using System.Globalization;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// How busy the whole machine was between two readings of /proc/stat (every core, every process). When the
/// generator shares the cores with the target or a neighbour and the machine is nearly full, its threads
/// wait for a core now and then, and those waits land in the latencies' tail before its timers' p95 shows
/// them. Null where /proc/stat is not there (not Linux) or unreadable.
/// </summary>
public sealed class MachineCpu
{
    /// <summary>Past this share of every core, latencies' tails may include waiting for one.</summary>
    public const double CrowdedPercent = 90;

    private (long Busy, long Total)? _last = Read();

    private static (long Busy, long Total)? Read()
    {
        try
        {
            if (!File.Exists("/proc/stat")) return null;
            var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0); // idle + iowait
            var total = ticks.Take(8).Sum(); // guest time is already inside user
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The busy share (%) since the last call (or since this was made); null when it cannot be read.</summary>
    public double? BusyPercentSinceLast()
    {
        var (start, now) = (_last, Read());
        _last = now;
        if (start is not { } a || now is not { } b || b.Total <= a.Total) return null;
        return 100.0 * (b.Busy - a.Busy) / (b.Total - a.Total);
    }
}
