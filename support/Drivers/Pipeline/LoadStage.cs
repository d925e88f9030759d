using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Results;

namespace MangaMotion.Acceptance.Drivers.Pipeline;

/// <summary>The engine's result of a test's load and the infrastructure sampled on the same clock.</summary>
public sealed record Loaded(LoadResult Result, InfrastructureSeries Series);

/// <summary>Applies a test's load with every probe sampling beside it, on the load's clock.</summary>
public static class LoadStage
{
    public static async Task<Loaded> RunAsync(LoadRunOptions options, ProbeSet probes, CancellationToken cancel)
    {
        var clock = new RunClock();
        await using var sampler = new Sampler(probes.All, clock, probes.Secrets);
        sampler.Start();
        var result = await LoadRun.RunAsync(options with { Clock = clock }, cancel);
        return new Loaded(result, await sampler.StopAsync());
    }
}
