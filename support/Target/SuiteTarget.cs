using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Stack;

namespace MangaMotion.Acceptance.Target;

/// <summary>
/// The run's target, resolved once: validates the settings (a refusal stops the run before any load),
/// and when BASE_URL is unset starts the embedded stack in the background so scenarios that need it
/// find it ready. Disposing stops whatever the run started.
/// </summary>
public sealed class SuiteTarget : IAsyncDisposable
{
    private readonly Task<(TargetEndpoints Endpoints, EmbeddedStack? Stack)> _resolving;

    private SuiteTarget(SuiteSettings settings, Task<(TargetEndpoints, EmbeddedStack?)> resolving)
    {
        Settings = settings;
        _resolving = resolving;
    }

    public SuiteSettings Settings { get; }

    /// <exception cref="InvalidSettingsException">naming every setting that cannot be used</exception>
    public static SuiteTarget Resolve(SuiteSettings settings, EmbeddedStackOptions? stackOptions = null) =>
        new(settings, settings.UsesEmbeddedStack
            ? StartEmbeddedAsync(((stackOptions ?? new EmbeddedStackOptions()) with { Faults = settings.StackFaults }).ForFlavor(settings.StackFlavor))
            : Task.FromResult<(TargetEndpoints, EmbeddedStack?)>((TargetEndpoints.FromSettings(settings), null)));

    private static async Task<(TargetEndpoints, EmbeddedStack?)> StartEmbeddedAsync(EmbeddedStackOptions? options)
    {
        var stack = await EmbeddedStack.StartAsync(options);
        return (TargetEndpoints.FromStackSettings(stack.Settings), stack);
    }

    /// <summary>The target's endpoints; waits for the embedded stack if it is still starting.</summary>
    public async Task<TargetEndpoints> EndpointsAsync() => (await _resolving).Endpoints;

    /// <summary>The target could not be brought up (the embedded stack failed to start): the run's reports must say so.</summary>
    public bool FailedToStart => _resolving.IsFaulted;

    /// <summary>The embedded stack when it is the target (its faults and processes), else null.</summary>
    public async Task<EmbeddedStack?> EmbeddedStackAsync() => (await _resolving).Stack;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if ((await _resolving).Stack is { } stack) await stack.DisposeAsync();
        }
        catch (Exception) when (!_resolving.IsCompletedSuccessfully)
        {
            // It never started: the start-up error was reported where the endpoints were asked for.
        }
    }
}
