using MangaMotion.Acceptance.Settings;
using System.Diagnostics;
using System.Globalization;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Stack;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// The probes' own cost in steady state: every probe at the default intervals (1 s, S3 every 5 s)
/// against an idle embedded stack, after a warm-up, as this process's CPU time over wall time.
/// </summary>
public static class SamplerCost
{
    public static async Task RunAsync(int seconds, Action<string> say)
    {
        say("");
        say($"## Sampler cost: all probes at the default intervals for {seconds} s (after 10 s of warm-up)");
        await using var stack = await EmbeddedStack.StartAsync();
        var target = TargetEndpoints.FromStackSettings(stack.Settings);
        await using var probes = new ProbeSet(target, "bench", stack.Processes.ToDictionary(p => p.Key, p => p.Value.Id), new HashSet<string>());
        static async Task<double> CpuShareAsync(TimeSpan window)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await Task.Delay(window);
            return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds / wall.Elapsed.TotalSeconds;
        }
        var idle = await CpuShareAsync(TimeSpan.FromSeconds(Math.Min(30, seconds)));
        var clock = new RunClock();
        await using var sampler = new Sampler(probes.All, clock, probes.Secrets);
        sampler.Start();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var sampling = await CpuShareAsync(TimeSpan.FromSeconds(seconds));
        var series = await sampler.StopAsync();
        say(string.Create(CultureInfo.InvariantCulture,
            $"process CPU idle (stack running, no sampler): {100 * idle:0.00} % of one core; with the sampler: {100 * sampling:0.00} %; the sampler's own: {100 * (sampling - idle):0.00} % ({series.Samples.Count} samples; busy, waiting included, {100 * series.SamplerBusyShare:0.0} % of the time)"));

        // Where it goes: each probe alone, at its own interval, for a third of the time each.
        var each = TimeSpan.FromSeconds(Math.Max(10, seconds / 3));
        foreach (var probe in probes.All)
        {
            await using var alone = new Sampler([probe], new RunClock(), probes.Secrets);
            alone.Start();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var share = await CpuShareAsync(each);
            await alone.StopAsync();
            say(string.Create(CultureInfo.InvariantCulture, $"  {probe.Name,-10} alone: {100 * (share - idle):0.00} % of one core"));
        }

        // All together again, now that the probes' code is compiled and tiered up (the first window pays
        // the JIT once per process; every later test of a run samples at this steady cost).
        await using var again = new Sampler(probes.All, new RunClock(), probes.Secrets);
        again.Start();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var steady = await CpuShareAsync(TimeSpan.FromSeconds(seconds));
        await again.StopAsync();
        say(string.Create(CultureInfo.InvariantCulture, $"all probes again, warm: {100 * (steady - idle):0.00} % of one core (the steady cost)"));
    }
}
