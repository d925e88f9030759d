using MangaMotion.Acceptance.Stack.Api;
using MangaMotion.Acceptance.Stack.Faults;
using Microsoft.AspNetCore.Http;

namespace MangaMotion.Acceptance.Stack.Flavors;

/// <summary>
/// The API of the bullmq flavour: jobs live in BullMQ's keys only (no PostgreSQL in the request path),
/// a finished job answers not_found, and /api/metrics has no queue depth and no job counters.
/// </summary>
public static class BullMqEndpoints
{
    public static async Task<IResult> UploadAsync(HttpContext http, ApiServices api, RateLimiter limiter)
    {
        if (await JobEndpoints.RefuseAsync(http, api, limiter) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var pages = form.Files.GetFiles("pages");
        if (pages.Count == 0) return Results.Json(new { error = "No files provided" }, statusCode: 400);
        try
        {
            var keys = await JobEndpoints.StorePagesAsync(pages, api, http.RequestAborted);
            var user = http.Request.Headers["X-User-ID"].FirstOrDefault() ?? "anonymous";
            var id = await Queue(api).AddAsync(new { userId = user, pages = keys, bytes = pages.Sum(p => p.Length) });
            api.Count("upload_requests_total");
            return Results.Json(new { jobId = id.ToString() });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Json(new { error = "upload failed", details = e.Message }, statusCode: 500);
        }
    }

    public static async Task<IResult> StatusAsync(string jobId, HttpContext http, ApiServices api)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("status"), http.RequestAborted) is { } injected)
            return Results.Json(new { error = "status failed" }, statusCode: injected);
        var (state, data) = await Queue(api).StateAsync(jobId);
        return state == "not_found" ? Results.Json(new { status = state })
            : Results.Json(new { status = state, progress = state == "active" ? 50 : 0, data = System.Text.Json.JsonDocument.Parse(data!).RootElement, failedReason = (string?)null });
    }

    public static IResult Metrics(ApiServices api) => Results.Json(new
    {
        counters = api.Counters.ToDictionary(c => c.Key, c => (double)c.Value),
        gauges = new Dictionary<string, double>(),
        histograms = new Dictionary<string, object>(),
    });

    public static async Task<IResult> HealthAsync(ApiServices api)
    {
        try
        {
            await api.Redis.GetDatabase().PingAsync();
            return Results.Json(new { status = "healthy", timestamp = DateTimeOffset.UtcNow, metrics = new { }, alerts = new { } });
        }
        catch (Exception e)
        {
            return Results.Json(new { status = "unhealthy", timestamp = DateTimeOffset.UtcNow, alerts = new { redis = e.Message } }, statusCode: 503);
        }
    }

    private static BullMqQueue Queue(ApiServices api) => new(api.Redis.GetDatabase(), api.Options.QueueKey);
}
