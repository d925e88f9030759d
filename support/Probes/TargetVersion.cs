using MangaMotion.Acceptance.Load.Measurement;
using System.Text.Json;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// The deployment's version as its own health answer names it, for a run whose TARGET_VERSION is unset:
/// a text "version" at the answer's top level, or under "build", "app" or "service" (the shapes health
/// endpoints commonly take). The contract does not require one: null when the answer names none.
/// </summary>
public static class TargetVersion
{
    private static readonly string[] Holders = ["build", "app", "service"];

    public static string? In(JsonElement health) => health.ValueKind != JsonValueKind.Object ? null
        : Version(health) ?? Holders.Select(h => health.TryGetProperty(h, out var inner) && inner.ValueKind == JsonValueKind.Object ? Version(inner) : null)
            .FirstOrDefault(v => v is not null);

    private static string? Version(JsonElement e) =>
        e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim() is { Length: > 0 and <= 100 } text ? text : null;

    /// <summary>GET /api/health once; null when it does not answer in time, answers no JSON, or names no version.</summary>
    public static async Task<string?> ReadAsync(Uri baseUrl, TimeSpan timeout)
    {
        try
        {
            using var http = new HttpClient { Timeout = timeout };
            using var answer = await http.GetAsync(new Uri(baseUrl, "api/health"));
            return In(JsonDocument.Parse(await HttpBodies.ReadLimitedAsync(answer, CancellationToken.None, 1 << 20)).RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
