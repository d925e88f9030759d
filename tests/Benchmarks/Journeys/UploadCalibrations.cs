using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>
/// The upload journey without the engine, to split the engine's CPU per upload by subtraction:
/// "bare" is the journey's own request (a new multipart form, the X-User-ID header, the answer read
/// with a limit and its jobId parsed) on the suite's HttpClient and I/O loops, timed in a plain loop;
/// "raw" writes the same request's bytes, encoded once, on a .NET socket and reads the answer, with
/// no HttpClient; "scheduler" and "step" run bare's request as a journey on the engine. Kernel floor,
/// then raw (.NET's sockets and async machinery), then bare (HttpClient and the JSON), then scheduler
/// (the engine's users, iterations and watch), then the engine (its steps' deadlines and recording, the job ledger).
/// </summary>
public static class UploadCalibrations
{
    private static readonly byte[] Page = new byte[JourneyKind.Upload.BytesPerJourney];

    public static Task<JourneyFigures> BareAsync(Uri url, int users, TimeSpan duration)
    {
        var http = LoadHttpClient.Create();
        var upload = Upload(http, new Uri(url, "api/upload"));
        return MeasureAsync("bare", http, Enumerable.Range(0, users).Select(user => (Func<Task>)(() => upload(user, CancellationToken.None))).ToList(), duration);
    }

    /// <summary>
    /// bare's request as a journey on the engine's closed-model scheduler: "scheduler" with no step;
    /// "step" inside a step that passes the step's token on; "step-token-free" inside a step, the
    /// token left unused; "step-ledger" as "step", the job id kept in a job ledger as the upload test
    /// keeps it. Against the engine's journey they say what the scheduler, the step's recording, the
    /// cancellable token and the ledger each cost.
    /// </summary>
    public static async Task<JourneyFigures> OnEngineAsync(string variant, Uri url, int users, TimeSpan duration)
    {
        using var http = LoadHttpClient.Create();
        var upload = Upload(http, new Uri(url, "api/upload"));
        var sent = JourneyKind.Upload.BytesPerJourney;
        var ledger = new JobLedger(windowSeconds: 1);
        Journey journey = variant switch
        {
            "scheduler" => context => upload(context.User, CancellationToken.None),
            "step" => context => context.StepAsync("upload", async token => { await upload(context.User, token); return StepOutcome.Success(200, sent); }),
            "step-ledger" => context => context.StepAsync("upload", async token => { ledger.Created(await upload(context.User, token)); return StepOutcome.Success(200, sent); }),
            "step-token-free" => context => context.StepAsync("upload", async _ => { await upload(context.User, CancellationToken.None); return StepOutcome.Success(200, sent); }),
            _ => throw new ArgumentException($"no engine calibration named {variant}", nameof(variant)),
        };
        var facts = new RuntimeFacts();
        var result = await LoadRun.RunAsync(new LoadRunOptions($"bench-{variant}", new ConstantUsers(users, duration), journey) { StepTimeout = TimeSpan.FromSeconds(10) });
        var (cpu, kernel) = (facts.CpuSeconds, facts.KernelSeconds);
        return new JourneyFigures(variant, JourneyKind.Upload, result.Iterations.Completed, EngineJourneys.MeasuredSeconds(result), cpu, 0, 0, 0, $"calibration: bare's request on the engine, {variant}") { KernelSeconds = kernel };
    }

    /// <summary>The journey's own upload request: a new multipart form, the X-User-ID header, the answer read with a limit and its jobId parsed.</summary>
    private static Func<int, CancellationToken, Task<string>> Upload(HttpClient http, Uri target) => async (user, token) =>
    {
        using var form = new MultipartFormDataContent();
        var page = new ByteArrayContent(Page);
        page.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(page, "pages", "page.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = form };
        request.Headers.Add("X-User-ID", $"bench-vu{user}");
        using var response = await http.SendAsync(request, token).ConfigureAwait(false);
        var body = await HttpBodies.ReadLimitedAsync(response, token).ConfigureAwait(false);
        using var answer = JsonDocument.Parse(body);
        return answer.RootElement.TryGetProperty("jobId", out var jobId) && jobId.GetString() is { } id ? id : throw new InvalidDataException("no jobId in the upload answer");
    };

    public static async Task<JourneyFigures> RawAsync(Uri url, int users, TimeSpan duration)
    {
        var request = await EncodedRequestAsync(url);
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < users; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(url.Host, url.Port);
            }
            return await MeasureAsync("raw", null, sockets.Select(socket =>
            {
                var buffer = new byte[4096];
                return (Func<Task>)(async () =>
                {
                    await socket.SendAsync(request, SocketFlags.None).ConfigureAwait(false);
                    await RawSocketLoop.ReadResponseAsync(socket, buffer).ConfigureAwait(false);
                });
            }).ToList(), duration);
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>The upload as bytes on the wire: request line, headers, and the multipart body HttpClient would send.</summary>
    private static async Task<byte[]> EncodedRequestAsync(Uri url)
    {
        using var form = new MultipartFormDataContent();
        var page = new ByteArrayContent(Page);
        page.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(page, "pages", "page.jpg");
        var body = await form.ReadAsByteArrayAsync();
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/upload HTTP/1.1\r\nHost: {url.Authority}\r\nX-User-ID: bench-vu0\r\nContent-Type: {form.Headers.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static async Task<JourneyFigures> MeasureAsync(string tool, HttpClient? http, IEnumerable<Func<Task>> workers, TimeSpan duration)
    {
        using (http)
        {
            var facts = new RuntimeFacts();
            var run = await TimedLoop.RunAsync(tool, workers, duration);
            var (cpu, kernel) = (facts.CpuSeconds, facts.KernelSeconds);
            return new JourneyFigures(tool, JourneyKind.Upload, run.Requests, run.Seconds, cpu, run.P50, run.P95, run.P99, "calibration, no engine") { KernelSeconds = kernel };
        }
    }
}
