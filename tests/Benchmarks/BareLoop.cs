using System.Diagnostics;
using MangaMotion.Acceptance.Load.Http;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// Calibration: 50 tasks calling the engine's HttpClient in a loop with a stopwatch, no engine. The gap between
/// this and the engine is the engine's own cost; the gap between this and wrk is HttpClient's.
/// </summary>
public static class BareLoop
{
    public static async Task<Figures> RunAsync(Uri url, int connections, TimeSpan duration)
    {
        using var http = LoadHttpClient.Create();
        var target = new Uri(url, "ok");
        var histogram = new HdrHistogram.LongConcurrentHistogram(1, 3_600_000_000, 3);
        var facts = new RuntimeFacts();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long requests = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds));
                Interlocked.Increment(ref requests);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new Figures("bare", requests, seconds, cpu,
            histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(95) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0, facts.Describe(requests));
    }
}
