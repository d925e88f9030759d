using MangaMotion.Acceptance.Load.Http;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// Calibration: 50 tasks calling the engine's HttpClient (on the engine's I/O loops) in a loop with a
/// stopwatch, no engine. The gap between this and the engine is the engine's own cost.
/// </summary>
public static class BareLoop
{
    public static async Task<Figures> RunAsync(Uri url, int connections, TimeSpan duration)
    {
        using var http = LoadHttpClient.Create();
        var target = new Uri(url, "ok");
        return await TimedLoop.RunAsync("bare", Enumerable.Range(0, connections).Select(_ => (Func<Task>)(async () =>
        {
            using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        })).ToList(), duration);
    }
}
