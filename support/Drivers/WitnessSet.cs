using MangaMotion.Acceptance.Probes.Jobs;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>The job witnesses of one test, started before its load; one that cannot start is named and left out.</summary>
public sealed class WitnessSet(IReadOnlyList<IJobWitness> witnesses, Action<string> say) : IAsyncDisposable
{
    private readonly List<IJobWitness> _started = [];

    public IReadOnlyList<IJobWitness> Started => _started;

    public async Task StartAsync()
    {
        foreach (var w in witnesses)
        {
            try
            {
                await w.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
                _started.Add(w);
            }
            catch (Exception e) { say($"the job witness '{w.Name}' could not start: {e.GetType().Name}: {e.Message}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in witnesses) await w.DisposeAsync();
    }
}
