using Amazon.S3.Model;
using MangaMotion.Acceptance.Stack.Faults;
using MangaMotion.Acceptance.Stack.Worker;
using Microsoft.AspNetCore.Http;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>GET /api/metrics (counters, gauges, histograms) and GET /api/health of the contract.</summary>
public static class MetricsEndpoints
{
    public static async Task<IResult> MetricsAsync(HttpContext http, ApiServices api)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("metrics"), http.RequestAborted) is { } injected)
            return Results.Json(new { error = "metrics failed" }, statusCode: injected);
        var redis = api.Redis.GetDatabase();
        var counters = api.Counters.ToDictionary(c => c.Key, c => (double)c.Value);
        foreach (var entry in await redis.HashGetAllAsync(WorkerMetrics.CountersKey)) counters[entry.Name!] = (double)entry.Value;
        var gauges = new Dictionary<string, double> { ["queue_length"] = await redis.ListLengthAsync(api.Options.QueueKey) };
        await using (var cmd = api.Database.CreateCommand("SELECT count(*) FILTER (WHERE status = 'active'), count(*) FILTER (WHERE status = 'failed') FROM jobs"))
        await using (var reader = await cmd.ExecuteReaderAsync(http.RequestAborted))
        {
            await reader.ReadAsync(http.RequestAborted);
            gauges["active_jobs"] = reader.GetInt64(0);
            gauges["failed_jobs_dlq"] = reader.GetInt64(1);
        }
        var histograms = new Dictionary<string, object> { ["job_processing_seconds"] = Summary(await WorkerMetrics.RecentDurationsAsync(redis)) };
        foreach (var (route, h) in api.Durations.Snapshot()) histograms[$"http_request_seconds:{route}"] = Summary(h);
        return Results.Json(new { counters, gauges, histograms });
    }

    /// <summary>Straight from the histogram (microseconds), without expanding it into values.</summary>
    private static object Summary(HdrHistogram.HistogramBase h)
    {
        if (h.TotalCount == 0) return new { count = 0L, sum = 0.0, avg = 0.0, p50 = 0.0, p95 = 0.0, p99 = 0.0 };
        var mean = HdrHistogram.HistogramExtensions.GetMean(h) / 1e6;
        double P(double p) => h.GetValueAtPercentile(p) / 1e6;
        return new { count = h.TotalCount, sum = mean * h.TotalCount, avg = mean, p50 = P(50), p95 = P(95), p99 = P(99) };
    }

    private static object Summary(IReadOnlyList<double> seconds)
    {
        if (seconds.Count == 0) return new { count = 0, sum = 0.0, avg = 0.0, p50 = 0.0, p95 = 0.0, p99 = 0.0 };
        var sorted = seconds.Order().ToList();
        double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
        return new { count = sorted.Count, sum = sorted.Sum(), avg = sorted.Average(), p50 = P(50), p95 = P(95), p99 = P(99) };
    }

    public static async Task<IResult> HealthAsync(HttpContext http, ApiServices api)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("health"), http.RequestAborted) is { } injected)
            return Results.Json(new { status = "unhealthy", error = "injected fault" }, statusCode: injected);
        var checks = new Dictionary<string, string>();
        async Task Check(string name, Func<Task> probe)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                deadline.CancelAfter(TimeSpan.FromSeconds(2));
                await probe().WaitAsync(deadline.Token);
                checks[name] = "ok";
            }
            catch (Exception e) { checks[name] = $"down: {e.GetType().Name}: {e.Message}"; }
        }
        await Check("postgres", async () => { await using var c = api.Database.CreateCommand("SELECT 1"); await c.ExecuteScalarAsync(); });
        await Check("redis", () => api.Redis.GetDatabase().PingAsync());
        await Check("s3", () => api.Storage.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = api.Options.Bucket }));
        var queue = checks["redis"] == "ok" ? await api.Redis.GetDatabase().ListLengthAsync(api.Options.QueueKey) : -1;
        var alerts = new Dictionary<string, string>();
        if (queue > 1000) alerts["queue_saturation"] = $"queue length {queue} > 1000";
        foreach (var (name, state) in checks.Where(c => c.Value != "ok")) alerts[name] = state;
        var healthy = checks.Values.All(v => v == "ok");
        return Results.Json(new { status = healthy ? "healthy" : "unhealthy", timestamp = DateTimeOffset.UtcNow, metrics = new { queue_length = queue, checks }, alerts },
            statusCode: healthy ? 200 : 503);
    }
}
