using System.Globalization;
using System.Text.Json;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>
/// Artillery (npm, installed by ./acceptance bench under artifacts/tools) running peers/artillery.yml in
/// its own process. Artillery's model is open: arrivals at a rate, each a virtual user doing one journey;
/// at saturation the rate is far above what is served and maxVusers caps the users in flight.
/// </summary>
public static class ArtilleryTool
{
    public static string? Executable => Environment.GetEnvironmentVariable("MM_ARTILLERY") is { Length: > 0 } a && File.Exists(a) ? a : null;

    public static async Task<JourneyFigures> RunAsync(Uri url, JourneyKind kind, int maxUsers, TimeSpan duration, double arrivalRate)
    {
        var dir = Directory.CreateTempSubdirectory("mm-bench-artillery-").FullName;
        var peers = Path.Combine(AppContext.BaseDirectory, "Journeys", "peers");
        var report = Path.Combine(dir, "report.json");
        var overrides = JsonSerializer.Serialize(new
        {
            config = new
            {
                target = url.ToString().TrimEnd('/'),
                phases = new[] { new { duration = (int)duration.TotalSeconds, arrivalRate, maxVusers = maxUsers } },
                plugins = new Dictionary<string, object> { ["metrics-by-endpoint"] = new { useOnlyRequestNames = true } },
            },
        });
        var (output, cpu, _, kernel) = await ExternalTools.RunMeasuredAsync(
            $"cd {peers} && ARTILLERY_DISABLE_TELEMETRY=true {Executable} run --quiet --scenario-name {kind.Name} -o {report} --overrides '{overrides}' artillery.yml > {dir}/out.txt 2>&1");
        if (!File.Exists(report)) throw new InvalidOperationException($"artillery wrote no report:\n{output}\n{File.ReadAllText(Path.Combine(dir, "out.txt"))}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var aggregate = json.RootElement.GetProperty("aggregate");
        var counters = aggregate.GetProperty("counters");
        long Counter(string name) => counters.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        var done = Counter("vusers.completed");
        // Behind its arrivals (its CPU the limit and no maxVusers reached), Artillery runs every planned
        // arrival past the phase's end: its rate is over the span its counters cover.
        var seconds = aggregate.TryGetProperty("firstCounterAt", out var first) && aggregate.TryGetProperty("lastCounterAt", out var last)
            ? Math.Max(duration.TotalSeconds, (last.GetDouble() - first.GetDouble()) / 1000) : duration.TotalSeconds;
        var summaries = aggregate.GetProperty("summaries");
        var latency = summaries.TryGetProperty($"plugins.metrics-by-endpoint.response_time.{kind.KeyStep}", out var l) ? l
            : summaries.GetProperty("http.response_time");
        double At(string p) => latency.GetProperty(p).GetDouble();
        Directory.Delete(dir, recursive: true);
        var failed = Counter("vusers.failed");
        return new JourneyFigures("artillery", kind, done, seconds, cpu, At("p50"), At("p95"), At("p99"),
            failed > 0 || Counter("vusers.skipped") > 0 ? string.Create(CultureInfo.InvariantCulture, $"{failed} failed, {Counter("vusers.skipped")} arrivals skipped at maxVusers") : null) { KernelSeconds = kernel };
    }
}
