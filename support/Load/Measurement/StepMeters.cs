using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// The meters of one step: recorders written by every virtual user, and totals (whole run, per
/// stage, recent seconds) that only the once-a-second tick touches. Memory does not grow with requests.
/// </summary>
internal sealed class StepMeters(string step, int windowSeconds, bool keepSeconds = false)
{
    private const int ExamplesPerClass = 3;

    private readonly Recorder _ok = Histograms.NewRecorder(), _failed = Histograms.NewRecorder(), _corrected = Histograms.NewRecorder();
    private readonly LongHistogram _okTotal = Histograms.New(), _failedTotal = Histograms.New(), _correctedTotal = Histograms.New();
    private readonly Dictionary<int, (LongHistogram Ok, LongHistogram Failed)> _stages = new();
    private readonly Queue<(LongHistogram Ok, LongHistogram Failed)> _recent = new();
    // Boxes incremented in place: updating a ConcurrentDictionary value allocates a node per request.
    private readonly ConcurrentDictionary<int, StrongBox<long>> _statuses = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _errors = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _examples = new();
    private readonly List<byte[]> _seconds = [];
    private long _sent, _received;
    private HistogramBase? _okInterval, _failedInterval, _correctedInterval;

    public string Step { get; } = step;

    public void Record(StepOutcome outcome, long micros, long lagMicros)
    {
        (outcome.Ok ? _ok : _failed).RecordValue(Histograms.Clamp(micros));
        if (lagMicros >= 0) _corrected.RecordValue(Histograms.Clamp(micros + lagMicros));
        if (outcome.Status is { } status) Interlocked.Increment(ref _statuses.GetOrAdd(status, static _ => new StrongBox<long>()).Value);
        if (outcome.ErrorClass is { } error)
        {
            Interlocked.Increment(ref _errors.GetOrAdd(error, static _ => new StrongBox<long>()).Value);
            if (outcome.Example is { } example)
            {
                var list = _examples.GetOrAdd(error, static _ => new ConcurrentQueue<string>());
                if (list.Count < ExamplesPerClass) list.Enqueue(example);
            }
        }
        if (outcome.BytesSent != 0) Interlocked.Add(ref _sent, outcome.BytesSent);
        if (outcome.BytesReceived != 0) Interlocked.Add(ref _received, outcome.BytesReceived);
    }

    /// <summary>Moves the last second's values into the totals; returns the second's figures. Single caller.</summary>
    public StepSecond Tick(int? stage)
    {
        _okInterval = _ok.GetIntervalHistogram(_okInterval);
        _failedInterval = _failed.GetIntervalHistogram(_failedInterval);
        _correctedInterval = _corrected.GetIntervalHistogram(_correctedInterval);
        _okTotal.Add(_okInterval);
        _failedTotal.Add(_failedInterval);
        _correctedTotal.Add(_correctedInterval);
        if (stage is { } s)
        {
            if (!_stages.TryGetValue(s, out var totals)) _stages[s] = totals = (Histograms.New(), Histograms.New());
            totals.Ok.Add(_okInterval);
            totals.Failed.Add(_failedInterval);
        }
        var second = Merge(_okInterval, _failedInterval);
        if (keepSeconds) _seconds.Add(HistogramCodec.Encode(second));
        if (windowSeconds > 0)
        {
            _recent.Enqueue((Copy(_okInterval), Copy(_failedInterval)));
            while (_recent.Count > windowSeconds) _recent.Dequeue();
        }
        return new StepSecond(second.TotalCount, _failedInterval.TotalCount,
            Percentile(second, 50), Percentile(second, 95), Percentile(second, 99));
    }

    /// <summary>Whole run; closed models record no lag (negative), so their corrected latency is the measured one.</summary>
    public StepStats Whole() => Stats(_okTotal, _failedTotal, _correctedTotal, withCounts: true);

    public StepStats? Stage(int stage) => _stages.TryGetValue(stage, out var t) ? Stats(t.Ok, t.Failed, null, withCounts: false) : null;

    /// <summary>The most recent <paramref name="seconds"/> seconds (at most the window the meters were created with).</summary>
    public StepStats Recent(int seconds)
    {
        LongHistogram ok = Histograms.New(), failed = Histograms.New();
        foreach (var (o, f) in _recent.Reverse().Take(seconds))
        {
            ok.Add(o);
            failed.Add(f);
        }
        return Stats(ok, failed, null, withCounts: false);
    }

    internal (HistogramBase Ok, HistogramBase Failed) WholeHistograms() => (_okTotal, _failedTotal);

    /// <summary>Every histogram of the step, encoded (the seconds only when the meters keep them).</summary>
    public StepHistograms Encoded() => new(Step, HistogramCodec.Encode(_okTotal), HistogramCodec.Encode(_failedTotal), HistogramCodec.Encode(_correctedTotal),
        _stages.ToDictionary(s => s.Key, s => new StageHistograms(HistogramCodec.Encode(s.Value.Ok), HistogramCodec.Encode(s.Value.Failed))), [.. _seconds]);

    private StepStats Stats(HistogramBase ok, HistogramBase failed, HistogramBase? corrected, bool withCounts) => withCounts
        ? Summarise(Step, ok, failed, corrected, new SortedDictionary<int, long>(_statuses.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value))),
            new SortedDictionary<string, long>(_errors.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value)), StringComparer.Ordinal),
            _examples.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.ToList()), Interlocked.Read(ref _sent), Interlocked.Read(ref _received))
        : Summarise(Step, ok, failed, corrected, null, null, null, 0, 0);

    /// <summary>
    /// A step's figures from its histograms; with counts (statuses, errors) for a whole run, without for
    /// a window. A whole run without intended-start latencies (closed models) reports the measured ones.
    /// </summary>
    internal static StepStats Summarise(string step, HistogramBase ok, HistogramBase failed, HistogramBase? corrected,
        IReadOnlyDictionary<int, long>? statuses, IReadOnlyDictionary<string, long>? errors, IReadOnlyDictionary<string, IReadOnlyList<string>>? examples, long sent, long received)
    {
        var all = Merge(ok, failed);
        var whole = statuses is not null;
        return new StepStats(step, all.TotalCount, ok.TotalCount, failed.TotalCount, LatencySummary.From(all), LatencySummary.From(ok),
            corrected is { TotalCount: > 0 } ? LatencySummary.From(corrected) : whole ? LatencySummary.From(all) : LatencySummary.Empty,
            statuses ?? new Dictionary<int, long>(), errors ?? new Dictionary<string, long>(), examples ?? new Dictionary<string, IReadOnlyList<string>>(), sent, received) { Histogram = all };
    }

    internal static LongHistogram Merge(HistogramBase a, HistogramBase b)
    {
        var m = Histograms.New();
        m.Add(a);
        m.Add(b);
        return m;
    }

    private static LongHistogram Copy(HistogramBase h)
    {
        var c = Histograms.New();
        c.Add(h);
        return c;
    }

    private static double Percentile(HistogramBase h, double p) => h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(p) / 1000.0;
}
