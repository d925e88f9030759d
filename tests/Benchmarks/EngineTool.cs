using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>The suite's engine in this process (the endpoint is another), so its CPU is this process's.</summary>
public static class EngineTool
{
    public static async Task<(Figures Figures, LoadResult Result)> RunAsync(Uri url, LoadModel model, Action<string>? progress = null, TimeSpan think = default,
        LoadTransport transport = LoadTransport.Loop)
    {
        using var http = LoadHttpClient.Create(url, transport);
        var target = new Uri(url, "ok");
        Journey journey = async ctx =>
        {
            await ctx.StepAsync("ok", async ct =>
            {
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                var body = await HttpBodies.ReadLimitedAsync(response, ct).ConfigureAwait(false);
                return StepOutcome.FromStatus(response.StatusCode, 0, body.Length);
            }).ConfigureAwait(false);
            await ctx.ThinkAsync(think).ConfigureAwait(false);
        };
        var facts = new RuntimeFacts();
        var result = await LoadRun.RunAsync(new LoadRunOptions("bench", model, journey)
            { Progress = progress, ProgressInterval = TimeSpan.FromSeconds(60), StepTimeout = TimeSpan.FromSeconds(10) });
        var cpu = facts.CpuSeconds;
        var ok = result.Step("ok")!;
        var seconds = Math.Min(result.ActualDuration.TotalSeconds, result.PlannedDuration.TotalSeconds + 0.5);
        return (new Figures(transport == LoadTransport.Loop ? "engine" : "engine-sockets", ok.Requests, seconds, cpu, ok.Latency.P50, ok.Latency.P95, ok.Latency.P99, facts.Describe(ok.Requests)), result);
    }
}
