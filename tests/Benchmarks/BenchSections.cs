using System.Diagnostics;
using System.Globalization;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks;

public sealed record BenchSettings(TimeSpan Run, int Rounds, int FixedRounds, int OpenSeconds, int SoakMinutes, int FixedRate);

/// <summary>The benchmark's sections, each printing its own figures.</summary>
public sealed class BenchSections(Uri url, BenchSettings settings, Action<string> say)
{
    public const int Connections = 50;

    public async Task WarmUpAsync()
    {
        await EngineTool.RunAsync(url, new ConstantUsers(Connections, TimeSpan.FromSeconds(3)));
        if (settings.Rounds + settings.FixedRounds > 0) await ExternalTools.WrkAsync(url, Connections, TimeSpan.FromSeconds(3));
    }

    /// <summary>Saturation throughput, alternating the tools each round; the median round of each decides.</summary>
    public async Task<(Figures Wrk, Figures Engine)> SaturationAsync()
    {
        var runs = new Dictionary<string, List<Figures>> { ["wrk"] = [], ["hey"] = [], ["engine"] = [], ["bare"] = [], ["raw"] = [] };
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var tool in round % 2 == 1 ? new[] { "wrk", "hey", "engine", "bare", "raw" } : ["raw", "bare", "engine", "hey", "wrk"])
            {
                var figures = tool switch
                {
                    "wrk" => await ExternalTools.WrkAsync(url, Connections, settings.Run),
                    "hey" => await ExternalTools.HeyAsync(url, Connections, settings.Run),
                    "bare" => await BareLoop.RunAsync(url, Connections, settings.Run),
                    "raw" => await RawSocketLoop.RunAsync(url, Connections, settings.Run),
                    _ => (await EngineTool.RunAsync(url, new ConstantUsers(Connections, settings.Run))).Figures,
                };
                runs[tool].Add(figures);
                say($"round {round}: {figures}");
            }
        }
        var (wrk, hey, engine, bare, raw) = (Figures.Median(runs["wrk"]), Figures.Median(runs["hey"]), Figures.Median(runs["engine"]), Figures.Median(runs["bare"]), Figures.Median(runs["raw"]));
        say("");
        say("## Saturation (median of rounds)");
        foreach (var f in new[] { wrk, hey, engine, bare, raw }) say(f.ToString());
        say(string.Create(CultureInfo.InvariantCulture,
            $"engine/hey rps ratio: {engine.Rps / hey.Rps:0.00}   cpu per request: engine/wrk {engine.CpuPer1000 / wrk.CpuPer1000:0.00}x, bare HttpClient/wrk {bare.CpuPer1000 / wrk.CpuPer1000:0.00}x, raw .NET sockets/wrk {raw.CpuPer1000 / wrk.CpuPer1000:0.00}x, engine/bare {engine.CpuPer1000 / bare.CpuPer1000:0.00}x"));
        return (wrk, engine);
    }

    /// <summary>
    /// Latency percentiles at a fixed rate far below saturation: wrk paced evenly by its delay() hook
    /// (see <see cref="ExternalTools"/>) against the engine's open model, and wrk again with one core kept
    /// awake (see <see cref="AwakeCore"/>), alternating round by round. At this rate the figures are
    /// tens of microseconds, so single runs move with the machine's own noise.
    /// </summary>
    public async Task FixedRateAsync()
    {
        say("");
        say($"## Latency at a fixed rate of {settings.FixedRate:0}/s, well below saturation ({settings.FixedRounds} rounds of {settings.Run.TotalSeconds:0} s)");
        var runs = new Dictionary<string, List<Figures>> { ["wrk"] = [], ["engine"] = [], ["wrk-awake"] = [] };
        for (var round = 1; round <= settings.FixedRounds; round++)
        {
            foreach (var tool in round % 2 == 1 ? new[] { "wrk", "engine", "wrk-awake" } : ["wrk-awake", "engine", "wrk"])
            {
                var figures = tool switch
                {
                    "engine" => await OpenEngineAsync(),
                    "wrk" => await PacedWrkAsync(),
                    _ => await AwakeAsync(PacedWrkAsync) with { Tool = "wrk-awake" },
                };
                runs[tool].Add(figures);
                say($"round {round}: {figures}");
            }
        }
        var (wrk, engine, awake) = (Figures.MedianLatency(runs["wrk"]), Figures.MedianLatency(runs["engine"]), Figures.MedianLatency(runs["wrk-awake"]));
        foreach (var f in new[] { wrk, engine, awake }) say(f.ToString());
        say(string.Create(CultureInfo.InvariantCulture, $"engine/wrk latency: p50 {engine.P50 / wrk.P50:0.00}  p95 {engine.P95 / wrk.P95:0.00}  p99 {engine.P99 / wrk.P99:0.00}"));
        say(string.Create(CultureInfo.InvariantCulture, $"engine/wrk latency, one core kept awake for wrk: p50 {engine.P50 / awake.P50:0.00}  p95 {engine.P95 / awake.P95:0.00}  p99 {engine.P99 / awake.P99:0.00}"));
        say(PairedRatios(runs["engine"], runs["wrk"]));
    }

    /// <summary>
    /// A second view of the same rounds: each round's engine/wrk ratio, and the median of those. The two
    /// runs of a round are at most a minute apart, but a slow spell of the machine moves wrk (which
    /// sleeps between requests) more than the engine, so this does not cancel the machine out either.
    /// </summary>
    private static string PairedRatios(IReadOnlyList<Figures> engine, IReadOnlyList<Figures> wrk)
    {
        double Ratio(Func<Figures, double> of) => Figures.Middle(engine.Zip(wrk, (e, w) => of(e) / of(w)));
        return string.Create(CultureInfo.InvariantCulture, $"engine/wrk latency, round by round (median of the rounds' ratios): p50 {Ratio(f => f.P50):0.00}  p95 {Ratio(f => f.P95):0.00}  p99 {Ratio(f => f.P99):0.00}");
    }

    private async Task<Figures> OpenEngineAsync() => (await EngineTool.RunAsync(url, new ConstantArrivalRate(settings.FixedRate, settings.Run, 200))).Figures;

    private Task<Figures> PacedWrkAsync() => ExternalTools.WrkAsync(url, Connections, settings.Run, delayMs: Connections * 1000.0 / settings.FixedRate);

    private static async Task<Figures> AwakeAsync(Func<Task<Figures>> run)
    {
        using var awake = new AwakeCore();
        return await run();
    }

    public async Task OpenAccuracyAsync()
    {
        say("");
        say($"## Open model accuracy: 2000 arrivals/s for {settings.OpenSeconds} s");
        var (_, open) = await EngineTool.RunAsync(url, new ConstantArrivalRate(2000, TimeSpan.FromSeconds(settings.OpenSeconds), 500));
        var achieved = open.Iterations.Started / (double)settings.OpenSeconds;
        say(string.Create(CultureInfo.InvariantCulture,
            $"planned {open.Iterations.Planned}, started {open.Iterations.Started}, dropped {open.Iterations.Dropped}: achieved {achieved:0.0}/s, {100 * (achieved - 2000) / 2000:+0.00;-0.00}% from planned; p99 corrected {open.Step("ok")!.CorrectedLatency.P99:0.000} ms"));
    }

    /// <summary>
    /// Memory over a long run. Think time keeps it near 2,000 requests/s: flatness is about duration and
    /// request count, and a saturating soak would only measure the machine for half an hour.
    /// </summary>
    public async Task SoakAsync()
    {
        say("");
        say($"## Memory over a {settings.SoakMinutes}-minute run at 200 virtual users (100 ms think time)");
        long atMinute1 = 0;
        using var sampler = new Timer(_ => Interlocked.CompareExchange(ref atMinute1, Process.GetCurrentProcess().WorkingSet64, 0), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        var (soak, _) = await EngineTool.RunAsync(url, new ConstantUsers(200, TimeSpan.FromMinutes(settings.SoakMinutes)), say, TimeSpan.FromMilliseconds(100));
        using var self = Process.GetCurrentProcess();
        say(string.Create(CultureInfo.InvariantCulture,
            $"RSS at minute 1: {atMinute1 / 1048576.0:0.0} MiB; at the end: {self.WorkingSet64 / 1048576.0:0.0} MiB; peak {self.PeakWorkingSet64 / 1048576.0:0.0} MiB; {soak.Requests} requests"));
    }
}
