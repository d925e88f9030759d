using System.Collections.Concurrent;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>
/// A deployment that answers oddly: non-JSON error pages, missing fields, huge bodies, bodies that
/// stall, connections reset. Each is classified; none crashes a virtual user or the run.
/// </summary>
[NonParallelizable]
public sealed class OddResponseTests
{
    private LoopbackServer _server = null!;
    private string _mode = "";

    [OneTimeSetUp]
    public async Task Start() => _server = await LoopbackServer.StartAsync(app => app.MapPost("/api/upload", async (HttpContext context) =>
        {
            switch (_mode)
            {
                case "html500":
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("<html><body><h1>Internal Server Error</h1></body></html>");
                    break;
                case "not-json":
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html>maintenance</html>");
                    break;
                case "missing-field":
                    await context.Response.WriteAsJsonAsync(new { ok = true, job = new { id = "j1" } });
                    break;
                case "huge":
                    var chunk = new byte[64 * 1024];
                    for (var i = 0; i < 800 && !context.RequestAborted.IsCancellationRequested; i++) await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    break;
                case "stalled-body":
                    await context.Response.WriteAsync("{\"jobId\":");
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                    break;
                case "reset":
                    context.Abort();
                    break;
            }
        }));

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [TestCase("html500", "http_500")]
    [TestCase("not-json", "check_failed")]
    [TestCase("missing-field", "check_failed")]
    [TestCase("huge", "check_failed")]
    [TestCase("stalled-body", "timeout")]
    [TestCase("reset", "connection_reset")]
    public async Task An_odd_answer_is_classified_and_the_run_goes_on(string mode, string errorClass)
    {
        _mode = mode;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var journeys = new MangaMotionJourneys(http, _server.BaseUrl, new JourneyOptions("mm-acceptance-odd", 1, TimeSpan.FromMilliseconds(50), 3, TimeSpan.FromMilliseconds(50), JobStates.Default), new ConcurrentQueue<string>());
        var jobs = new JobLedger(0.15);
        // Only the stalled body is meant to time out: every other answer gets a deadline no busy machine reaches.
        var deadline = mode == "stalled-body" ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(15);
        var result = await LoadRun.RunAsync(new LoadRunOptions("odd", new ConstantUsers(2, TimeSpan.FromSeconds(2)), journeys.Uploads(jobs)) { StepTimeout = deadline });

        var upload = result.Step("upload")!;
        Assert.That(upload.Requests, Is.GreaterThan(0));
        Assert.That(upload.Failed, Is.EqualTo(upload.Requests), "nothing odd counts as a success");
        Assert.That(upload.ErrorClasses.Keys, Is.EquivalentTo(new[] { errorClass }));
        Assert.That(result.IterationErrors, Is.Empty, "no virtual user crashed");
        Assert.That(result.Iterations.Failed + result.Iterations.Completed, Is.EqualTo(result.Iterations.Started - result.Iterations.Interrupted));
        Assert.That(jobs.Outcomes.Created, Is.Zero);
    }
}
