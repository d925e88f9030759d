using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using System.Text.Json;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// GET /api/metrics flattened into named series (whatever the deployment returns: no field is assumed)
/// and GET /api/health's status and alerts.
/// </summary>
public sealed class ApiProbe(HttpClient http, Uri baseUrl) : IProbe
{
    public string Name => ProbeNames.Api;
    public ProbeCost Cost => ProbeCost.Cheap;
    public string SettingToCheck => "BASE_URL";

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        var values = new Dictionary<string, double>();
        var details = new List<string>();
        using (var metrics = await http.GetAsync(new Uri(baseUrl, "api/metrics"), cancellation))
        {
            metrics.EnsureSuccessStatusCode();
            var body = await HttpBodies.ReadLimitedAsync(metrics, cancellation, 1 << 20);
            try { Flatten(JsonDocument.Parse(body).RootElement, "metrics", values); }
            catch (JsonException) { details.Add("/api/metrics did not answer JSON"); }
        }
        using var health = await http.GetAsync(new Uri(baseUrl, "api/health"), cancellation);
        values[ApiMeasurements.HealthStatusCode] = (int)health.StatusCode;
        try
        {
            var json = JsonDocument.Parse(await HttpBodies.ReadLimitedAsync(health, cancellation, 1 << 20)).RootElement;
            values[ApiMeasurements.Healthy] = json.TryGetProperty("status", out var s) && s.GetString() == "healthy" ? 1 : 0;
            if (json.TryGetProperty("alerts", out var alerts) && alerts.ValueKind == JsonValueKind.Object)
                foreach (var alert in alerts.EnumerateObject()) details.Add($"alert {alert.Name}: {alert.Value}");
        }
        catch (JsonException) { values[ApiMeasurements.Healthy] = health.IsSuccessStatusCode ? 1 : 0; }
        return new ProbeReading(values, details);
    }

    /// <summary>Numbers (and booleans) under their dotted path: metrics.counters.job_processed_total, metrics.histograms.job_processing_seconds.p95.</summary>
    internal static void Flatten(JsonElement element, string path, Dictionary<string, double> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject()) Flatten(p.Value, $"{path}.{p.Name}", into);
                break;
            case JsonValueKind.Number when element.TryGetDouble(out var d):
                into[path] = d;
                break;
            case JsonValueKind.True: into[path] = 1; break;
            case JsonValueKind.False: into[path] = 0; break;
        }
    }
}
