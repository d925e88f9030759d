using System.Net.Http.Json;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>The bench's side of the truth server: set what it serves before a run, read what it saw after.</summary>
public sealed class TruthClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public async Task ResetAsync(ServiceDistribution service, StallSchedule? stall = null, int? seed = null)
    {
        var query = $"truth/reset?service={Uri.EscapeDataString(service.Spec())}" + (stall is null ? "" : $"&stall={Uri.EscapeDataString(stall.Spec())}")
            + (seed is { } s ? $"&seed={s}" : "");
        using var response = await _http.PostAsync(query, null);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the truth server refused {query}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<TruthSnapshot> ReadAsync() =>
        await _http.GetFromJsonAsync<TruthSnapshot>("truth") ?? throw new InvalidOperationException("the truth server answered nothing");

    public void Dispose() => _http.Dispose();
}
