using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>How the journeys behave: page size, think time, status polling, and who the users are.</summary>
public sealed record JourneyOptions(string UserPrefix, int FileSizeKb, TimeSpan ThinkTime, int MaxPollAttempts, TimeSpan PollInterval, JobStates States);

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
        var presign = await ctx.StepAsync(JourneySteps.Presign, async ct =>
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
            await ctx.StepAsync(JourneySteps.S3Put, async ct =>
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

    /// <summary>
    /// Guide test 3: upload, then poll the job's status until it completes, fails, turns not_found (ended,
    /// fate unknown: some queues delete finished jobs) or outlives the polling window. A not_found before
    /// the job was ever seen is believed on the second answer in a row (an API may lag its own queue).
    /// </summary>
    public Journey WorkerProcessing(JobLedger jobs) => async ctx =>
    {
        if (await UploadAsync(ctx, jobs) is not { } jobId) { await ctx.ThinkAsync(options.PollInterval); return; }
        var started = Stopwatch.GetTimestamp();
        var (seen, missing) = (false, 0);
        for (var attempt = 0; attempt < options.MaxPollAttempts; attempt++)
        {
            await ctx.ThinkAsync(options.PollInterval);
            var (state, reason) = await PollAsync(ctx, jobId);
            var elapsed = Stopwatch.GetElapsedTime(started);
            switch (options.States.Of(state))
            {
                case JobState.Done: jobs.Completed(jobId, elapsed); ctx.Record(JourneySteps.Job, StepOutcome.Success(), elapsed); return;
                case JobState.Failed:
                    jobs.Failed(jobId, reason, elapsed);
                    ctx.Record(JourneySteps.Job, StepOutcome.Failed(Classification.JobFailed, reason ?? $"job {jobId} failed"), elapsed);
                    return;
                case JobState.Gone when seen || ++missing >= 2: jobs.Gone(jobId, elapsed); return;
                case JobState.Pending: seen = true; break;
                case JobState.Unrecognised when state is not null: jobs.Unrecognised(state); break;
            }
        }
        jobs.TimedOut(jobId);
        ctx.Record(JourneySteps.Job, StepOutcome.Failed(Classification.JobTimeout, $"still not finished after {options.MaxPollAttempts} polls"), Stopwatch.GetElapsedTime(started));
    };

    private async Task<(string? State, string? Reason)> PollAsync(IterationContext ctx, string jobId)
    {
        string? state = null, reason = null;
        await ctx.StepAsync(JourneySteps.Status, async ct =>
        {
            using var response = await http.GetAsync(new Uri(baseUrl, $"api/status/{Uri.EscapeDataString(jobId)}"), ct);
            var body = await HttpBodies.ReadLimitedAsync(response, ct);
            if (!response.IsSuccessStatusCode) return StepOutcome.FromStatus(response.StatusCode, 0, body.Length, body);
            state = Field(body, "status");
            reason = Field(body, "failedReason");
            return state is null ? StepOutcome.CheckFailed("no status in the answer", (int)response.StatusCode) : StepOutcome.Success((int)response.StatusCode, 0, body.Length);
        });
        return (state, reason);
    }

    private async Task<string?> UploadAsync(IterationContext ctx, JobLedger jobs)
    {
        string? jobId = null;
        await ctx.StepAsync(JourneySteps.Upload, async ct =>
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
            jobs.Created(jobId);
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
