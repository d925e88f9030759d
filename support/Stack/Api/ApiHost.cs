using System.Diagnostics;
using MangaMotion.Acceptance.Stack.Faults;
using MangaMotion.Acceptance.Stack.Flavors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>
/// The reference MangaMotion API (the contract's five routes) on its port, and the object store's
/// public endpoint (the S3 proxy) on a second port of the same process.
/// </summary>
public static class ApiHost
{
    public static async Task RunAsync(StackOptions options, CancellationToken stop)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.ApiPort}", $"http://127.0.0.1:{options.S3ProxyPort}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = (options.MaxFileSizeMb + 1) * 1024L * 1024 * JobEndpoints.MaxPages);
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = (options.MaxFileSizeMb + 1) * 1024L * 1024 * JobEndpoints.MaxPages);
        var app = builder.Build();
        await using var api = new ApiServices(options);
        var limiter = new RateLimiter();
        var proxy = new S3Proxy(options.S3Direct);
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == options.S3ProxyPort)
            {
                await proxy.ForwardAsync(context, api.Faults.Current);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            await next(context);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";
            api.Durations.Record(route, Stopwatch.GetElapsedTime(started));
        });
        if (options.IsBullMq)
        {
            app.MapPost("/api/upload", (Func<HttpContext, Task<IResult>>)(http => BullMqEndpoints.UploadAsync(http, api, limiter)));
            app.MapGet("/api/status/{jobId}", (string jobId, HttpContext http) => BullMqEndpoints.StatusAsync(jobId, http, api));
            app.MapGet("/api/metrics", () => BullMqEndpoints.Metrics(api));
            app.MapGet("/api/health", () => BullMqEndpoints.HealthAsync(api));
        }
        else
        {
            app.MapPost("/api/upload", (Func<HttpContext, Task<IResult>>)(http => JobEndpoints.UploadAsync(http, api, limiter)));
            app.MapGet("/api/status/{jobId}", (string jobId, HttpContext http) => JobEndpoints.StatusAsync(jobId, http, api));
            app.MapGet("/api/metrics", (Func<HttpContext, Task<IResult>>)(http => MetricsEndpoints.MetricsAsync(http, api)));
            app.MapGet("/api/health", (Func<HttpContext, Task<IResult>>)(http => MetricsEndpoints.HealthAsync(http, api)));
        }
        app.MapPost("/api/presign", (PresignEndpoint.Request? body, HttpContext http) => PresignEndpoint.PresignAsync(body, http, api));
        var database = new DatabaseFaults(options.Postgres);
        AdminEndpoints.Map(app, api, database);
        using var databaseFaults = new DatabaseFaultLoop(database, api.Faults);
        databaseFaults.Start();
        await app.StartAsync(CancellationToken.None);
        try { await Task.Delay(Timeout.Infinite, stop); }
        catch (OperationCanceledException) { }
        database.Release();
        await app.StopAsync(CancellationToken.None);
    }
}
