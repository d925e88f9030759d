using System.Diagnostics;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// The calibrations' common shape, with no engine: each worker repeats its one request until the
/// duration is over, every request timed into one histogram, this process's CPU taken over the run.
/// </summary>
public static class TimedLoop
{
    public static async Task<Figures> RunAsync(string tool, IEnumerable<Func<Task>> workers, TimeSpan duration)
    {
        var histogram = new HdrHistogram.LongConcurrentHistogram(1, 3_600_000_000, 3);
        var facts = new RuntimeFacts();
        var clock = Stopwatch.StartNew();
        long requests = 0;
        await Task.WhenAll(workers.Select(request => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await request().ConfigureAwait(false);
                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds));
                Interlocked.Increment(ref requests);
            }
        })));
        var (seconds, cpu) = (clock.Elapsed.TotalSeconds, facts.CpuSeconds);
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new Figures(tool, requests, seconds, cpu, Ms(50), Ms(95), Ms(99), facts.Describe(requests));
    }
}
