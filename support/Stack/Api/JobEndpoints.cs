using System.Text.Json;
using Amazon.S3.Model;
using MangaMotion.Acceptance.Stack.Faults;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpgsqlTypes;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>POST /api/upload and GET /api/status/{jobId} of the contract.</summary>
public static class JobEndpoints
{
    public const int MaxPages = 50;

    public static async Task<IResult> UploadAsync(HttpContext http, ApiServices api, RateLimiter limiter)
    {
        if (await RefuseAsync(http, api, limiter) is { } refused) return refused;
        await CapacityGate.PassAsync(api.Faults.Current.UploadCapacity, http.RequestAborted);
        var user = http.Request.Headers["X-User-ID"].FirstOrDefault() is { Length: > 0 } u ? u : "anonymous";
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var pages = form.Files.GetFiles("pages");
        if (pages.Count == 0) return Results.Json(new { error = "No files provided" }, statusCode: 400);
        if (pages.Count > MaxPages) return Results.Json(new { error = $"At most {MaxPages} files" }, statusCode: 400);
        try
        {
            var keys = await StorePagesAsync(pages, api, http.RequestAborted);
            var data = JsonSerializer.Serialize(new { pages = keys, bytes = pages.Sum(p => p.Length), options = form["options"].FirstOrDefault() ?? "{}" });
            await using var cmd = api.Database.CreateCommand("INSERT INTO jobs(user_id, data) VALUES ($1, $2) RETURNING id");
            cmd.Parameters.AddWithValue(user);
            cmd.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
            var id = (long)(await cmd.ExecuteScalarAsync(http.RequestAborted))!;
            await api.Redis.GetDatabase().ListLeftPushAsync(api.Options.QueueKey, id);
            api.Count("upload_requests_total");
            return Results.Json(new { jobId = id.ToString() });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            api.Count("upload_failed_total");
            return Results.Json(new { error = "upload failed", details = e.Message }, statusCode: 500);
        }
    }

    /// <summary>An injected fault, the rate limit (with its headers) or a request that is not a form; null when the upload may go on.</summary>
    public static async Task<IResult?> RefuseAsync(HttpContext http, ApiServices api, RateLimiter limiter)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("upload"), http.RequestAborted) is { } injected)
            return Results.Json(new { error = "upload failed", details = "injected fault" }, statusCode: injected);
        var user = http.Request.Headers["X-User-ID"].FirstOrDefault() is { Length: > 0 } u ? u : "anonymous";
        var limit = api.RateLimitPerMinute;
        var (allowed, remaining, reset) = limiter.TryTake(user, limit, DateTimeOffset.UtcNow);
        http.Response.Headers["X-RateLimit-Limit"] = limit.ToString();
        http.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString();
        http.Response.Headers["X-RateLimit-Reset"] = reset.ToString();
        if (!allowed)
        {
            api.Count("rate_limited_total");
            return Results.Json(new { error = "Too many requests", message = $"Limit of {limit} jobs per minute reached", retryAfter = 60 }, statusCode: 429);
        }
        return http.Request.HasFormContentType ? null : Results.Json(new { error = "No files provided" }, statusCode: 400);
    }

    /// <summary>Puts each page into the bucket under a fresh prefix and returns the keys.</summary>
    public static async Task<List<string>> StorePagesAsync(IReadOnlyList<IFormFile> pages, ApiServices api, CancellationToken cancellation)
    {
        var prefix = $"uploads/{Guid.NewGuid():N}";
        var keys = new List<string>();
        foreach (var page in pages)
        {
            var key = $"{prefix}/{keys.Count}_{Path.GetFileName(page.FileName)}";
            await using var stream = page.OpenReadStream();
            await api.Storage.PutObjectAsync(new PutObjectRequest
            {
                BucketName = api.Options.Bucket, Key = key, InputStream = stream, UseChunkEncoding = false,
                ContentType = page.ContentType, Headers = { ContentLength = page.Length },
            }, cancellation);
            keys.Add(key);
        }
        return keys;
    }

    public static async Task<IResult> StatusAsync(string jobId, HttpContext http, ApiServices api)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("status"), http.RequestAborted) is { } injected)
            return Results.Json(new { error = "status failed" }, statusCode: injected);
        if (!long.TryParse(jobId, out var id)) return Results.Json(new { status = "not_found" });
        await using var cmd = api.Database.CreateCommand("SELECT status, progress, data::text, failed_reason, returnvalue::text FROM jobs WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted)) return Results.Json(new { status = "not_found" });
        return Results.Json(new
        {
            status = reader.GetString(0),
            progress = reader.GetInt32(1),
            data = JsonDocument.Parse(reader.GetString(2)).RootElement,
            failedReason = reader.IsDBNull(3) ? null : reader.GetString(3),
            returnvalue = reader.IsDBNull(4) ? (JsonElement?)null : JsonDocument.Parse(reader.GetString(4)).RootElement,
        });
    }
}
