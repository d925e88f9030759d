using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>Runs one iteration of the journey and counts how it ended; nothing a journey throws escapes.</summary>
internal sealed class IterationRunner(Journey journey, MeasurementStore store, TimeSpan stepTimeout)
{
    private long _iterations;

    public async Task RunAsync(int user, TimeSpan lag, CancellationToken cancellation)
    {
        var context = new IterationContext(store, user, Interlocked.Increment(ref _iterations), lag, stepTimeout, cancellation);
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
