using HttpResults = Microsoft.AspNetCore.Http.Results;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// The minimal Kestrel endpoint every tool is measured against, in its own process so that each
/// client's CPU is its own. The child prints its URL and runs until its standard input closes.
/// </summary>
public sealed class EndpointServer : IDisposable
{
    private readonly Process _process;

    private EndpointServer(Process process, Uri url) { _process = process; Url = url; }

    public Uri Url { get; }

    /// <param name="truth">serve the fidelity section's truth server instead of the journeys' endpoints</param>
    public static async Task ServeAsync(bool truth = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        if (truth) new Fidelity.TruthServer().Map(app);
        else
        {
            app.MapGet("/ok", () => HttpResults.Text("ok"));
            MapJourneys(app);
        }
        await app.StartAsync();
        Console.WriteLine(app.Urls.First());
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    /// <summary>
    /// The guide's journeys against an endpoint that accepts and discards: the upload answers a jobId,
    /// presign a URL on this server, the PUT to it is read to its end. What the clients do is all that costs.
    /// </summary>
    private static void MapJourneys(WebApplication app)
    {
        long jobs = 0;
        app.MapPost("/api/upload", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return HttpResults.Text($"{{\"jobId\":\"{Interlocked.Increment(ref jobs)}\",\"status\":\"queued\"}}", "application/json");
        });
        app.MapPost("/api/presign", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return HttpResults.Text($"{{\"url\":\"http://{request.Host}/s3/bench-page\",\"key\":\"bench-page\"}}", "application/json");
        });
        app.MapGet("/api/status/{id}", (string id) => HttpResults.Text($"{{\"jobId\":\"{id}\",\"status\":\"completed\"}}", "application/json"));
        app.MapPut("/s3/{key}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return HttpResults.Ok();
        });
    }

    public static EndpointServer Start(bool truth = false)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        // Runtime knobs tried on a client must not change the server every client is measured against.
        foreach (var knob in info.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(knob);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(EndpointServer).Assembly.Location);
        info.ArgumentList.Add("serve");
        if (truth) info.ArgumentList.Add("truth");
        var process = Process.Start(info)!;
        var url = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the endpoint did not start");
        return new EndpointServer(process, new Uri(url));
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
