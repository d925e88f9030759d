using System.Diagnostics;
using HdrHistogram;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// The load generator watching itself while a test runs: the suite process's CPU share of the machine
/// and the whole machine's (once a second), how late a short timer on the thread pool fires (the same pool that runs journeys'
/// continuations and stamps their latencies), and how late the open model's arrivals start.
/// When the generator is starved or pinned, those delays are inside every latency it measures.
/// </summary>
public sealed class GeneratorWatch : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    // Arrivals are recorded on the open model's hot path (thousands a second, from pool threads): no lock.
    private readonly LongConcurrentHistogram _timerLate = Histograms.NewConcurrent();
    private readonly LongConcurrentHistogram _arrivalLate = Histograms.NewConcurrent();
    private readonly List<double> _cpu = [], _machine = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _timerLoop, _cpuLoop;
    private readonly GeneratorLimits _limits;

    private GeneratorWatch(GeneratorLimits limits)
    {
        _limits = limits;
        _timerLoop = Task.Run(TimerLoopAsync);
        _cpuLoop = Task.Run(CpuLoopAsync);
    }

    public static GeneratorWatch Start(GeneratorLimits? limits = null) => new(limits ?? GeneratorLimits.Default);

    /// <summary>An open-model arrival started this late after its planned instant (pacing and pool delay).</summary>
    public void ArrivalStarted(TimeSpan late) => _arrivalLate.RecordValue(Micros(late));

    private static long Micros(TimeSpan t) => Histograms.Clamp((long)t.TotalMicroseconds);

    private async Task TimerLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try { await Task.Delay(Tick, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            var late = Stopwatch.GetElapsedTime(started) - Tick;
            _timerLate.RecordValue(Micros(late));
        }
    }

    private async Task CpuLoopAsync()
    {
        using var self = Process.GetCurrentProcess();
        var machine = new MachineCpu();
        var (wall, cpu) = (Stopwatch.GetTimestamp(), self.TotalProcessorTime);
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            self.Refresh();
            var (nowWall, nowCpu) = (Stopwatch.GetTimestamp(), self.TotalProcessorTime);
            var share = 100 * (nowCpu - cpu).TotalSeconds / (Stopwatch.GetElapsedTime(wall, nowWall).TotalSeconds * Environment.ProcessorCount);
            var busy = machine.BusyPercentSinceLast();
            lock (_cpu)
            {
                _cpu.Add(Math.Round(share, 1));
                if (busy is { } b) _machine.Add(Math.Round(b, 1));
            }
            (wall, cpu) = (nowWall, nowCpu);
        }
    }

    /// <summary>Stops watching and judges the figures against the limits.</summary>
    public async Task<GeneratorFigures> StopAsync(long droppedArrivals)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_timerLoop, _cpuLoop).ConfigureAwait(false);
        double Ms(HistogramBase h, double p) => h.TotalCount == 0 ? 0 : Math.Round(h.GetValueAtPercentile(p) / 1000.0, 1);
        List<double> cpu, machine;
        lock (_cpu) (cpu, machine) = ([.. _cpu.Order()], [.. _machine.Order()]);
        static double? Median(List<double> sorted) => sorted.Count == 0 ? null : sorted[sorted.Count / 2];
        return _limits.Judge(new GeneratorFigures(
            CpuMedian: Median(cpu), CpuMax: cpu.Count == 0 ? null : cpu[^1], CpuSamples: cpu.Count,
            TimerLateP95Ms: Ms(_timerLate, 95), TimerLateMaxMs: Ms(_timerLate, 100), TimerSamples: _timerLate.TotalCount,
            ArrivalLateP95Ms: _arrivalLate.TotalCount == 0 ? null : Ms(_arrivalLate, 95), Arrivals: _arrivalLate.TotalCount,
            DroppedArrivals: droppedArrivals, Cores: Environment.ProcessorCount) { MachineCpuMedian = Median(machine) });
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync(0);
        _stop.Dispose();
    }
}
