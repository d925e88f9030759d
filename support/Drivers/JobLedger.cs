using System.Collections.Concurrent;
using MangaMotion.Acceptance.Probes.Jobs;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// Every job a test created and what the journeys learnt of it: completed or failed (with the time from
/// upload to the poll that saw it), timed out, or gone (not_found: ended, fate unknown until a witness
/// says which). Witnesses' answers are applied once, after the load.
/// </summary>
public sealed class JobLedger(double windowSeconds)
{
    private sealed record Ended(bool? Completed, double Seconds, string? Reason, string? Witness);

    private readonly ConcurrentDictionary<string, byte> _created = new();
    private readonly ConcurrentDictionary<string, Ended> _ended = new();
    private readonly ConcurrentDictionary<string, byte> _timedOut = new();
    private readonly ConcurrentDictionary<string, byte> _unrecognised = new();
    private readonly ConcurrentQueue<string> _reasons = new();
    private readonly List<string> _witnesses = [];
    private long _createdCount;

    public void Created(string jobId)
    {
        // The counter bounds the set: ConcurrentDictionary.Count takes every one of its locks, on every upload.
        if (Interlocked.Increment(ref _createdCount) <= 1_000_000) _created.TryAdd(jobId, 0);
    }

    public void Completed(string jobId, TimeSpan elapsed) => _ended[jobId] = new(true, elapsed.TotalSeconds, null, null);

    public void Failed(string jobId, string? reason, TimeSpan elapsed)
    {
        _ended[jobId] = new(false, elapsed.TotalSeconds, reason, null);
        Remember(reason);
    }

    /// <summary>The status turned not_found: the job ended, how is not known yet.</summary>
    public void Gone(string jobId, TimeSpan elapsed) => _ended[jobId] = new(null, elapsed.TotalSeconds, null, null);

    public void TimedOut(string jobId) => _timedOut.TryAdd(jobId, 0);

    public void Unrecognised(string state)
    {
        if (_unrecognised.Count < 10) _unrecognised.TryAdd(state.Length > 40 ? state[..40] : state, 0);
    }

    /// <summary>The run's own job ids, so cleanup can remove exactly those.</summary>
    public IReadOnlyCollection<string> CreatedIds => _created.Keys.ToList();

    public IReadOnlyCollection<string> GoneIds => _ended.Where(e => e.Value.Completed is null).Select(e => e.Key).ToList();

    /// <summary>Settles gone jobs a witness knows the fate of; the witness is named in the outcomes.</summary>
    public void Apply(IReadOnlyDictionary<string, WitnessedFate> fates)
    {
        foreach (var (id, fate) in fates)
        {
            if (!_ended.TryGetValue(id, out var e) || e.Completed is not null) continue;
            _ended[id] = e with { Completed = fate.Completed, Reason = fate.Reason, Witness = fate.Witness };
            if (!fate.Completed) Remember(fate.Reason);
            lock (_witnesses) if (!_witnesses.Contains(fate.Witness)) _witnesses.Add(fate.Witness);
        }
    }

    private void Remember(string? reason)
    {
        if (reason is not null && _reasons.Count < 5) _reasons.Enqueue(reason.Length > 200 ? reason[..200] : reason);
    }

    public JobOutcomes Outcomes
    {
        get
        {
            var ended = _ended.Values.ToList();
            var completed = ended.Where(e => e.Completed == true).ToList();
            lock (_witnesses)
                return new JobOutcomes(Interlocked.Read(ref _createdCount), completed.Count, ended.Count(e => e.Completed == false), _timedOut.Count,
                    ended.Count(e => e.Completed is null), ended.Count(e => e.Witness is not null), _reasons.Distinct().ToList(),
                    completed.Select(e => Math.Round(e.Seconds, 3)).ToList(), windowSeconds, _witnesses.ToList(), _unrecognised.Keys.ToList());
        }
    }
}
