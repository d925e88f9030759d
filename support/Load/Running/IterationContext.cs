using System.Diagnostics;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// A user journey: plain async code that calls <see cref="IterationContext.StepAsync"/> for each named step.
/// It must not block (no Thread.Sleep, no .Result): after a load response it runs on the I/O loop that
/// saw the response, and a blocked loop delays every other response on it (the run names such holds).
/// </summary>
public delegate Task Journey(IterationContext context);

/// <summary>
/// What one iteration of a journey gets: named, timed steps with a per-request timeout, think time,
/// and the cancellation of the run. A step never throws for a failed request: it returns the outcome.
/// </summary>
public sealed class IterationContext
{
    private readonly MeasurementStore _store;
    private readonly TimeSpan _stepTimeout;
    private readonly long _lagMicros;
    private readonly StepDeadline _deadline;

    internal IterationContext(MeasurementStore store, int user, long iteration, TimeSpan? lag, TimeSpan stepTimeout, CancellationToken cancellation, StepDeadline deadline)
    {
        _store = store;
        _deadline = deadline;
        User = user;
        Iteration = iteration;
        // Closed models have no intended start (null): nothing to correct, so no corrected value is recorded.
        Lag = lag is { } l && l > TimeSpan.Zero ? l : TimeSpan.Zero;
        _lagMicros = lag is null ? -1 : (long)Lag.TotalMicroseconds;
        _stepTimeout = stepTimeout;
        Cancellation = cancellation;
    }

    /// <summary>The virtual user (closed models) or slot (open models) running this iteration.</summary>
    public int User { get; }

    public long Iteration { get; }

    /// <summary>How late the iteration started against its intended time (open models); added to every step's corrected latency.</summary>
    public TimeSpan Lag { get; }

    /// <summary>Cancelled when the run stops this iteration (end of grace, abort, interruption).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Runs and times one named step. The action gets a token that fires at the step's timeout; an
    /// exception becomes a classified failure. Only the run's own stop propagates (as cancellation).
    /// </summary>
    public async Task<StepOutcome> StepAsync(string name, Func<CancellationToken, Task<StepOutcome>> action, TimeSpan? timeout = null)
    {
        Cancellation.ThrowIfCancellationRequested();
        var meters = _store.Meters(name);
        var token = _deadline.Arm(timeout ?? _stepTimeout);
        var start = Stopwatch.GetTimestamp();
        StepOutcome outcome;
        try
        {
            outcome = await action(token).ConfigureAwait(false);
        }
        catch (Exception) when (Cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(Cancellation);
        }
        catch (Exception e)
        {
            var timedOut = _deadline.Expired;
            outcome = StepOutcome.Failed(ErrorClasses.ForException(e, timedOut),
                timedOut ? $"no answer within {timeout ?? _stepTimeout}" : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _deadline.Disarm();
        }
        meters.Record(outcome, RunClock.MicrosSince(start), _lagMicros);
        return outcome;
    }

    /// <summary>
    /// Records a step measured by the journey itself (e.g. a job's completion over many polls) into the
    /// same store, with the same lag correction.
    /// </summary>
    public void Record(string name, StepOutcome outcome, TimeSpan duration) =>
        _store.Meters(name).Record(outcome, (long)duration.TotalMicroseconds, _lagMicros);

    /// <summary>Think time between steps, as a user pauses; ends early when the run stops the iteration.</summary>
    public Task ThinkAsync(TimeSpan pause) => pause <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(pause, Cancellation);
}
