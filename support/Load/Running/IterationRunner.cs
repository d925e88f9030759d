using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>Runs one iteration of the journey and counts how it ended; nothing a journey throws escapes.</summary>
internal sealed class IterationRunner(Journey journey, MeasurementStore store, TimeSpan stepTimeout) : IDisposable
{
    private readonly DeadlineWatch _watch = new();
    private long _iterations;

    public StepDeadline NewDeadline(CancellationToken run) => new(run, _watch);

    public void Dispose() => _watch.Dispose();

    /// <param name="deadline">the user's reusable step timeout (closed models keep one per user); null: one for this iteration</param>
    public async Task RunAsync(int user, TimeSpan? lag, CancellationToken cancellation, StepDeadline? deadline = null)
    {
        using var own = deadline is null ? NewDeadline(cancellation) : null;
        var context = new IterationContext(store, user, Interlocked.Increment(ref _iterations), lag, stepTimeout, cancellation, deadline ?? own!);
        store.IterationStarted();
        var end = IterationEnd.Completed;
        try
        {
            await journey(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            end = IterationEnd.Interrupted;
        }
        catch (Exception e)
        {
            end = IterationEnd.Failed;
            store.IterationError($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            store.IterationEnded(end);
        }
    }
}
