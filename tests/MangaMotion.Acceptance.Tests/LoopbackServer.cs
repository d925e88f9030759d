using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MangaMotion.Acceptance.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 and a free port that counts what it receives, so tests can check the
/// engine's counts against the server's own. /ok answers 200, /fail 503, /slow waits 300 ms.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private LoopbackServer(WebApplication app) => _app = app;

    public long Received => Interlocked.Read(ref _received);

    public Uri BaseUrl => new(_app.Urls.First());

    /// <param name="routes">more endpoints, for tests that need a server answering in its own way</param>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication>? routes = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Use(async (context, next) => { Interlocked.Increment(ref server._received); await next(context); });
        app.MapGet("/ok", () => HttpResults.Text("ok"));
        app.MapGet("/fail", () => HttpResults.StatusCode(503));
        app.MapGet("/slow", async () => { await Task.Delay(300); return HttpResults.Text("slow"); });
        routes?.Invoke(app);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
