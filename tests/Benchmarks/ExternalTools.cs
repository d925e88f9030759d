using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>Runs wrk and hey and reads their figures; their CPU comes from the kernel's child accounting.</summary>
public static partial class ExternalTools
{
    // wrk prints p95 only through Lua. For the fixed-rate comparison, delay() makes each wrk thread an
    // open-model pacer over its connections: a connection that comes free takes the thread's next slot
    // on a fixed grid (LuaJIT's ffi reads the monotonic clock) and waits for it, and the threads' grids
    // interleave, so requests go out evenly spaced as the engine's arrivals do. wrk's timers have
    // millisecond resolution: at 1,000/s that is one request per millisecond. (A plain delay() of one
    // period per request lets the connections drift into each other at random and start in step:
    // bursts, whose queueing wrk reports as latency.)
    private const string WrkScript = """
        local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
        local threads = tonumber(os.getenv("WRK_THREADS"))
        local made = 0
        function setup(thread) thread:set("index", made); made = made + 1 end
        if pause > 0 then
          local ffi = require("ffi")
          ffi.cdef[[ typedef struct { long sec; long nsec; } mm_timespec; int clock_gettime(int clock, mm_timespec *now); ]]
          local ts = ffi.new("mm_timespec")
          local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.sec) * 1000 + tonumber(ts.nsec) / 1e6 end
          local connections = tonumber(os.getenv("WRK_CONNECTIONS"))
          local spacing = pause * threads / connections
          local slot = nil
          function delay()
            local now = now_ms()
            if slot == nil then slot = math.ceil(now) + 10 + index * spacing / threads end
            slot = slot + spacing
            return math.max(0, math.floor(slot - now + 0.5))
          end
        end
        function done(summary, latency, requests)
          io.write(string.format("FIGURES %d %d %d %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(95), latency:percentile(99)))
        end
        """;

    private const int WrkThreads = 2;

    public static async Task<Figures> WrkAsync(Uri url, int connections, TimeSpan duration, double delayMs = 0)
    {
        var script = Path.Combine(Path.GetTempPath(), "mm-bench-wrk.lua");
        await File.WriteAllTextAsync(script, WrkScript);
        var (output, cpu, kernel, _) = await RunMeasuredAsync($"WRK_DELAY_MS={delayMs.ToString(CultureInfo.InvariantCulture)} WRK_THREADS={WrkThreads} WRK_CONNECTIONS={connections} wrk -t{WrkThreads} -c{connections} -d{(int)duration.TotalSeconds}s -s {script} {url}ok");
        var m = WrkFigures().Match(output);
        if (!m.Success) throw new InvalidOperationException("wrk printed no figures:\n" + output);
        long L(int g) => long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        return new Figures("wrk", L(1), L(2) / 1e6, cpu, L(3) / 1000.0, L(4) / 1000.0, L(5) / 1000.0, kernel);
    }

    public static async Task<Figures> HeyAsync(Uri url, int connections, TimeSpan duration)
    {
        var (output, cpu, kernel, _) = await RunMeasuredAsync($"hey -c {connections} -z {(int)duration.TotalSeconds}s {url}ok");
        double Latency(string p) => double.Parse(Regex.Match(output, $@"\s{p}% in ([\d.]+) secs").Groups[1].Value, CultureInfo.InvariantCulture) * 1000;
        var total = double.Parse(Regex.Match(output, @"Total:\s+([\d.]+) secs").Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Regex.Match(output, @"\[200\]\s+(\d+) responses").Groups[1].Value, CultureInfo.InvariantCulture);
        return new Figures("hey", requests, total, cpu, Latency("50"), Latency("95"), Latency("99"), kernel);
    }

    /// <summary>Runs a shell command; the CPU its children used is read from the shell's own cutime+cstime after it waited for them.</summary>
    internal static async Task<(string Output, double CpuSeconds, string KernelShare, double KernelSeconds)> RunMeasuredAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{command}; read -ra s < /proc/$$/stat; echo \"CHILDCPU $(( s[15] )) $(( s[16] )) $(getconf CLK_TCK)\"");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var output = await stdout + await stderr;
        var cpu = ChildCpu().Match(output);
        double Ticks(int g) => double.Parse(cpu.Groups[g].Value, CultureInfo.InvariantCulture);
        var (user, kernel) = (Ticks(1), Ticks(2));
        return (output, (user + kernel) / Ticks(3), $"kernel {100 * kernel / Math.Max(1, user + kernel):0}% of CPU", kernel / Ticks(3));
    }

    [GeneratedRegex(@"FIGURES (\d+) (\d+) (\d+) (\d+) (\d+)")]
    private static partial Regex WrkFigures();

    [GeneratedRegex(@"CHILDCPU (\d+) (\d+) (\d+)")]
    private static partial Regex ChildCpu();
}
