using System.Collections.Concurrent;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>The fate of every job a test created, counted as the journeys learn it.</summary>
public sealed class JobLedger
{
    private long _created, _completed, _failed, _timedOut, _vanished;
    private readonly ConcurrentQueue<string> _reasons = new();

    public void Created() => Interlocked.Increment(ref _created);
    public void Completed() => Interlocked.Increment(ref _completed);
    public void TimedOut() => Interlocked.Increment(ref _timedOut);
    public void Vanished() => Interlocked.Increment(ref _vanished);

    public void Failed(string? reason)
    {
        Interlocked.Increment(ref _failed);
        if (reason is not null && _reasons.Count < 5) _reasons.Enqueue(reason.Length > 200 ? reason[..200] : reason);
    }

    public JobOutcomes Outcomes => new(Interlocked.Read(ref _created), Interlocked.Read(ref _completed), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _timedOut), Interlocked.Read(ref _vanished), _reasons.Distinct().ToList());
}
