using System.Diagnostics;
using System.Globalization;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// LOAD_TRANSPORT's two values side by side: the engine's GET at saturation (requests/s, client CPU per
/// request) and at a fixed rate (latency), on an idle machine and with every core kept busy by stress-ng
/// in its own session (a neighbour CI job). Rounds alternate the transports; each figure is the median round.
/// </summary>
public sealed class TransportSection(Uri url, TimeSpan run, int rounds, int fixedRate, Action<string> say)
{
    private static readonly LoadTransport[] Transports = [LoadTransport.Loop, LoadTransport.Sockets];

    public async Task RunAsync()
    {
        say("");
        say($"## Transports (LOAD_TRANSPORT): loop against sockets, {rounds} rounds alternating, {run.TotalSeconds:0} s each, fixed rate {fixedRate}/s");
        foreach (var contended in new[] { false, true })
        {
            using var hog = contended ? CpuHog.Start() : null;
            var condition = contended ? $"contended ({hog!.Describe})" : "idle";
            var (saturation, latency) = (Transports.ToDictionary(t => t, _ => new List<Figures>()), Transports.ToDictionary(t => t, _ => new List<Figures>()));
            for (var round = 1; round <= rounds; round++)
            foreach (var transport in round % 2 == 1 ? Transports : Transports.Reverse())
            {
                saturation[transport].Add((await EngineTool.RunAsync(url, new ConstantUsers(BenchSections.Connections, run), transport: transport)).Figures);
                latency[transport].Add((await EngineTool.RunAsync(url, new ConstantArrivalRate(fixedRate, run, 200), transport: transport)).Figures);
            }
            say($"### {condition}");
            foreach (var t in Transports)
            {
                var (s, l) = (Figures.Median(saturation[t]), Figures.MedianLatency(latency[t]));
                say(string.Create(CultureInfo.InvariantCulture,
                    $"{t.ToString().ToLowerInvariant(),-8} saturation {s.Rps,8:0} req/s {s.CpuPer1000,7:0.000} cpu-s/1000   at {fixedRate}/s: p50 {l.P50:0.000} ms  p95 {l.P95:0.000} ms  p99 {l.P99:0.000} ms  {l.CpuPer1000:0.000} cpu-s/1000"));
            }
            var (loop, sockets) = (Figures.Median(saturation[LoadTransport.Loop]), Figures.Median(saturation[LoadTransport.Sockets]));
            var (loopLatency, socketsLatency) = (Figures.MedianLatency(latency[LoadTransport.Loop]), Figures.MedianLatency(latency[LoadTransport.Sockets]));
            say(string.Create(CultureInfo.InvariantCulture,
                $"transports {condition}: loop/sockets rps {loop.Rps / sockets.Rps:0.00}, cpu per request {loop.CpuPer1000 / sockets.CpuPer1000:0.00}x, p99 at {fixedRate}/s {loopLatency.P99 / socketsLatency.P99:0.00}x"));
        }
    }

    /// <summary>stress-ng keeping every core busy, in its own session (as another job would be), stopped with its whole group.</summary>
    private sealed class CpuHog : IDisposable
    {
        private readonly Process _process;

        private CpuHog(Process process) => _process = process;

        public string Describe => $"stress-ng --cpu {Environment.ProcessorCount} beside it";

        public static CpuHog Start()
        {
            var info = new ProcessStartInfo("setsid") { ArgumentList = { "stress-ng", "--cpu", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "--timeout", "30m", "--quiet" } };
            var process = Process.Start(info) ?? throw new InvalidOperationException("stress-ng could not be started: ./acceptance bench installs it");
            Thread.Sleep(500);
            return new CpuHog(process);
        }

        public void Dispose()
        {
            // setsid execs stress-ng in place: its pid leads the group of stress-ng's workers.
            try { Process.Start("kill", ["-TERM", $"-{_process.Id}"])!.WaitForExit(); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
            _process.WaitForExit(10_000);
            _process.Dispose();
        }
    }
}
