using System.Collections.Concurrent;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// The single store every figure of a run comes from: step meters (HDR histograms per step and
/// outcome), iteration counters, and the per-second series. Reports, thresholds and progress read
/// the same numbers.
/// </summary>
public sealed class MeasurementStore(int windowSeconds = 0, bool keepHistograms = false)
{
    private readonly ConcurrentDictionary<string, StepMeters> _steps = new();
    private readonly List<SecondSample> _series = [];
    private long _started, _completed, _failed, _interrupted, _dropped, _planned;
    private int _active, _target;

    // Looked up on every request: a static factory with its argument passed in, so the lookup allocates nothing.
    internal StepMeters Meters(string step) => _steps.GetOrAdd(step, static (s, store) => new StepMeters(s, store.windowSeconds, store.keepHistograms), (windowSeconds, keepHistograms));

    public void IterationStarted() { Interlocked.Increment(ref _started); Interlocked.Increment(ref _active); }

    public void IterationEnded(IterationEnd end)
    {
        Interlocked.Decrement(ref _active);
        switch (end)
        {
            case IterationEnd.Completed: Interlocked.Increment(ref _completed); break;
            case IterationEnd.Failed: Interlocked.Increment(ref _failed); break;
            default: Interlocked.Increment(ref _interrupted); break;
        }
    }

    private readonly ConcurrentQueue<string> _iterationErrors = new();

    /// <summary>A journey threw instead of returning: kept as an example (a few, not every one).</summary>
    public void IterationError(string example)
    {
        if (_iterationErrors.Count < 5) _iterationErrors.Enqueue(StepOutcome.Shorten(example)!);
    }

    public IReadOnlyList<string> IterationErrors => _iterationErrors.ToList();

    public void ArrivalDropped() => Interlocked.Increment(ref _dropped);

    public void ArrivalPlanned() => Interlocked.Increment(ref _planned);

    public void SetTargetUsers(int users) => Volatile.Write(ref _target, users);

    public int ActiveIterations => Volatile.Read(ref _active);

    public IterationCounts Iterations => new(Interlocked.Read(ref _planned), Interlocked.Read(ref _started), Interlocked.Read(ref _completed),
        Interlocked.Read(ref _failed), Interlocked.Read(ref _interrupted), Interlocked.Read(ref _dropped));

    public IReadOnlyList<SecondSample> Series { get { lock (_series) return _series.ToList(); } }

    /// <summary>Closes one second of measurement: called once a second by the run, never concurrently.</summary>
    public SecondSample Tick(TimeSpan elapsed, PlannedStage? stage)
    {
        var steps = _steps.Values.OrderBy(m => m.Step, StringComparer.Ordinal).ToDictionary(m => m.Step, m => m.Tick(stage?.Index));
        var counts = Iterations;
        var sample = new SecondSample(Math.Round(elapsed.TotalSeconds, 3), ActiveIterations, Volatile.Read(ref _target), counts.Started, counts.Dropped, steps);
        lock (_series) _series.Add(sample);
        return sample;
    }

    public IReadOnlyList<StepStats> Whole() => _steps.Values.OrderBy(m => m.Step, StringComparer.Ordinal).Select(m => m.Whole()).ToList();

    public StepStats? Whole(string step) => _steps.TryGetValue(step, out var m) ? m.Whole() : null;

    public StepStats? Stage(string step, int stage) => _steps.TryGetValue(step, out var m) ? m.Stage(stage) : null;

    public StepStats? Recent(string step, int seconds) => _steps.TryGetValue(step, out var m) ? m.Recent(seconds) : null;

    /// <summary>Every step's histograms, encoded (each second's too when the store keeps them): an agent's part of an exact merge.</summary>
    public IReadOnlyList<StepHistograms> Encoded() => _steps.Values.OrderBy(m => m.Step, StringComparer.Ordinal).Select(m => m.Encoded()).ToList();

    public IEnumerable<string> StepNames => _steps.Keys.Order(StringComparer.Ordinal);
}

public enum IterationEnd { Completed, Failed, Interrupted }

/// <summary>
/// Iterations of a run: planned (open models), started, completed, failed (the journey threw),
/// interrupted (stopped by the end of the run), dropped (an arrival found no free slot).
/// </summary>
public sealed record IterationCounts(long Planned, long Started, long Completed, long Failed, long Interrupted, long Dropped);
