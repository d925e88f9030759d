using System.Collections.Concurrent;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>The suite's own journeys (Drivers/MangaMotionJourneys) on its engine, in this process: its CPU is this process's.</summary>
public static class EngineJourneys
{
    public static async Task<JourneyFigures> RunAsync(Uri url, JourneyKind kind, LoadModel model) => (await RunWithResultAsync(url, kind, model)).Figures;

    /// <summary>The figures and the engine's whole result (its latency from intended start, its generator's timer lateness).</summary>
    public static async Task<(JourneyFigures Figures, LoadResult Result)> RunWithResultAsync(Uri url, JourneyKind kind, LoadModel model)
    {
        using var http = LoadHttpClient.Create(url);
        var options = new JourneyOptions("bench", (int)(kind.BytesPerJourney / 1024), TimeSpan.Zero, 1, TimeSpan.Zero, JobStates.Default);
        var journeys = new MangaMotionJourneys(http, url, options, new ConcurrentQueue<string>());
        var journey = kind == JourneyKind.Upload ? journeys.Uploads(new JobLedger(windowSeconds: 1)) : journeys.PresignUploads();
        var (allocated, gen0) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
        var facts = new RuntimeFacts();
        var result = await LoadRun.RunAsync(new LoadRunOptions($"bench-{kind.Name}", model, journey) { StepTimeout = TimeSpan.FromSeconds(10) });
        var (cpu, kernel) = (facts.CpuSeconds, facts.KernelSeconds);
        (allocated, gen0) = (GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(0) - gen0);
        var step = result.Step(kind.KeyStep);
        return (new JourneyFigures("engine", kind, step?.Ok ?? 0, MeasuredSeconds(result), cpu, step?.Latency.P50 ?? 0, step?.Latency.P95 ?? 0, step?.Latency.P99 ?? 0,
            string.Join("; ", new[] { step is { Failed: > 0 } ? $"{step.Failed} failed" : null,
                step is { Ok: > 0 } ? $"{allocated / step.Ok:#,0} bytes allocated and {gen0 * 1000.0 / step.Ok:0.00} gen0 GCs per 1000 journeys" : null }.OfType<string>()))
            { KernelSeconds = kernel }, result);
    }

    /// <summary>The run's seconds of load: its graceful stop's tail, where no new journey starts, counts at most half a second.</summary>
    internal static double MeasuredSeconds(LoadResult result) => Math.Min(result.ActualDuration.TotalSeconds, result.PlannedDuration.TotalSeconds + 0.5);
}
