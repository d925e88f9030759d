using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Probes;

public sealed record SamplerOptions
{
    public TimeSpan CheapInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan HeavyInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// Runs every probe in the background while load runs, each on its own loop (a slow one delays no
/// other), every sample stamped on the load engine's clock. Its own cost is measured as the time it
/// spends inside probes per second of run (an upper bound on its CPU share).
/// </summary>
public sealed class Sampler(IReadOnlyList<IProbe> probes, RunClock clock, Secrets secrets, SamplerOptions? options = null) : IAsyncDisposable
{
    private readonly SamplerOptions _options = options ?? new SamplerOptions();
    private readonly List<ProbeSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loops;
    private TimeSpan _startedAt;

    public void Start()
    {
        _startedAt = clock.Elapsed;
        _loops = Task.WhenAll(probes.Select(p => Task.Run(() => LoopAsync(p))));
    }

    private async Task LoopAsync(IProbe probe)
    {
        var interval = probe.Cost == ProbeCost.Cheap ? _options.CheapInterval : _options.HeavyInterval;
        while (!_stop.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            var sample = await ProbeRunner.SampleAsync(probe, Math.Round(started.TotalSeconds, 3), _options.ProbeTimeout, secrets, _stop.Token).ConfigureAwait(false);
            lock (_samples) _samples.Add(sample);
            var wait = interval - (clock.Elapsed - started);
            try { if (wait > TimeSpan.Zero) await Task.Delay(wait, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    public InfrastructureSeries Snapshot()
    {
        lock (_samples)
        {
            var seconds = Math.Max(0.001, (clock.Elapsed - _startedAt).TotalSeconds);
            return new InfrastructureSeries(_samples.OrderBy(s => s.T).ToList(), _samples.Sum(s => s.Millis) / 1000 / seconds);
        }
    }

    public async Task<InfrastructureSeries> StopAsync()
    {
        await _stop.CancelAsync();
        if (_loops is not null)
        {
            try { await _loops.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        return Snapshot();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

