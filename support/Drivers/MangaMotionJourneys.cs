using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>How the journeys behave: page size, think time, status polling, and who the users are.</summary>
public sealed record JourneyOptions(string UserPrefix, int FileSizeKb, TimeSpan ThinkTime, int MaxPollAttempts, TimeSpan PollInterval);

/// <summary>
/// MangaMotion's user journeys as plain async functions for the engine, speaking only the contract:
/// upload pages; presign then PUT to object storage; upload then poll the job until it ends.
/// Responses are read defensively (missing fields, other states, non-JSON errors are classified).
/// </summary>
/// <param name="objects">collects the keys of objects the journeys create, so cleanup can remove exactly those</param>
public sealed class MangaMotionJourneys(HttpClient http, Uri baseUrl, JourneyOptions options, System.Collections.Concurrent.ConcurrentQueue<string> objects)
{
    private readonly byte[] _page = MakePage(options.FileSizeKb);

    private string User(IterationContext ctx) => $"{options.UserPrefix}-vu{ctx.User}";

    /// <summary>Guide test 1: each user uploads pages, then pauses.</summary>
    public Journey Uploads(JobLedger jobs) => async ctx =>
    {
        await UploadAsync(ctx, jobs);
        await ctx.ThinkAsync(options.ThinkTime);
    };

    /// <summary>Guide test 2: presign, then PUT the bytes to the URL.</summary>
    public Journey PresignUploads() => async ctx =>
    {
        string? url = null;
        var presign = await ctx.StepAsync("presign", async ct =>
        {
            using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "api/presign"),
                new { filename = $"{options.UserPrefix}-{ctx.User}-{ctx.Iteration}.jpg", contentType = "image/jpeg", fileSizeBytes = _page.Length }, ct);
            var body = await HttpBodies.ReadLimitedAsync(response, ct);
            if (!response.IsSuccessStatusCode) return StepOutcome.FromStatus(response.StatusCode, 0, body.Length, body);
            if (Field(body, "url") is not { } u) return StepOutcome.CheckFailed("no url in the presign answer", (int)response.StatusCode);
            url = u;
            if (Field(body, "key") is { } key && objects.Count < 100_000) objects.Enqueue(key);
            return StepOutcome.Success((int)response.StatusCode, 0, body.Length);
        });
        if (presign.Ok && url is not null)
        {
            await ctx.StepAsync("s3_put", async ct =>
            {
                using var content = new ByteArrayContent(_page);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                using var response = await http.PutAsync(url, content, ct);
                var body = response.IsSuccessStatusCode ? "" : await HttpBodies.ReadLimitedAsync(response, ct);
                return StepOutcome.FromStatus(response.StatusCode, _page.Length, body.Length, body);
            });
        }
        await ctx.ThinkAsync(options.ThinkTime);
    };

    /// <summary>Guide test 3: upload, then poll the job's status until it completes, fails, times out or vanishes.</summary>
    public Journey WorkerProcessing(JobLedger jobs) => async ctx =>
    {
        if (await UploadAsync(ctx, jobs) is not { } jobId) { await ctx.ThinkAsync(options.PollInterval); return; }
        var started = Stopwatch.GetTimestamp();
        var seen = false;
        for (var attempt = 0; attempt < options.MaxPollAttempts; attempt++)
        {
            await ctx.ThinkAsync(options.PollInterval);
            string? state = null, reason = null;
            await ctx.StepAsync("status", async ct =>
            {
                using var response = await http.GetAsync(new Uri(baseUrl, $"api/status/{Uri.EscapeDataString(jobId)}"), ct);
                var body = await HttpBodies.ReadLimitedAsync(response, ct);
                if (!response.IsSuccessStatusCode) return StepOutcome.FromStatus(response.StatusCode, 0, body.Length, body);
                state = Field(body, "status");
                reason = Field(body, "failedReason");
                return state is null ? StepOutcome.CheckFailed("no status in the answer", (int)response.StatusCode) : StepOutcome.Success((int)response.StatusCode, 0, body.Length);
            });
            var elapsed = Stopwatch.GetElapsedTime(started);
            switch (state)
            {
                case "completed": jobs.Completed(); ctx.Record("job", StepOutcome.Success(), elapsed); return;
                case "failed": jobs.Failed(reason); ctx.Record("job", StepOutcome.Failed("job_failed", reason), elapsed); return;
                case "not_found" when seen: jobs.Vanished(); ctx.Record("job", StepOutcome.Failed("job_vanished", $"job {jobId} turned not_found"), elapsed); return;
                case "waiting" or "active": seen = true; break;
            }
        }
        jobs.TimedOut();
        ctx.Record("job", StepOutcome.Failed("job_timeout", $"still not finished after {options.MaxPollAttempts} polls"), Stopwatch.GetElapsedTime(started));
    };

    private async Task<string?> UploadAsync(IterationContext ctx, JobLedger jobs)
    {
        string? jobId = null;
        await ctx.StepAsync("upload", async ct =>
        {
            using var form = new MultipartFormDataContent();
            var page = new ByteArrayContent(_page);
            page.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(page, "pages", "page.jpg");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/upload")) { Content = form };
            request.Headers.Add("X-User-ID", User(ctx));
            using var response = await http.SendAsync(request, ct);
            var body = await HttpBodies.ReadLimitedAsync(response, ct);
            if (!response.IsSuccessStatusCode) return StepOutcome.FromStatus(response.StatusCode, _page.Length, body.Length, body);
            jobId = Field(body, "jobId");
            if (jobId is null) return StepOutcome.CheckFailed("no jobId in the upload answer", (int)response.StatusCode, _page.Length, body.Length);
            jobs.Created();
            return StepOutcome.Success((int)response.StatusCode, _page.Length, body.Length);
        });
        return jobId;
    }

    /// <summary>A top-level string (or number) field of a JSON body, or null for anything else (non-JSON, missing, null).</summary>
    internal static string? Field(string body, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(name, out var v)) return null;
            return v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null };
        }
        catch (JsonException) { return null; }
    }

    private static byte[] MakePage(int kb)
    {
        var bytes = new byte[kb * 1024];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
