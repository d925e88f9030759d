using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Load.Thresholds;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The engine against a real HTTP server on loopback: its counts must equal the server's.</summary>
[NonParallelizable]
public sealed class LoopbackIntegrationTests : LoopbackEngineTests
{
    private Journey Get(string path) => async ctx => await ctx.StepAsync(path.Trim('/'), async ct =>
    {
        using var response = await Http.GetAsync(path, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return StepOutcome.FromStatus(response.StatusCode, 0, body.Length);
    });

    [Test]
    public async Task Closed_model_counts_equal_the_servers_count_of_requests_received()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("closed", new ConstantUsers(10, TimeSpan.FromSeconds(2)), Get("/ok"))
            { Thresholds = [new Threshold("ok", "rate", ">", 0.99, ThresholdWindow.Whole), new Threshold("ok", "p(95)", "<", 1000, ThresholdWindow.Whole)] });
        var ok = result.Step("ok")!;
        Assert.That(ok.Requests, Is.EqualTo(Server.Received).And.GreaterThan(100));
        Assert.That(ok.StatusCodes[200], Is.EqualTo(ok.Requests));
        Assert.That(ok.BytesReceived, Is.EqualTo(2 * ok.Requests));
        Assert.That(result.Series.Sum(s => s.Steps["ok"].Requests), Is.EqualTo(ok.Requests), "the series adds up to the totals");
        Assert.That(result.ThresholdsPassed, Is.True, string.Join("; ", result.Thresholds));
    }

    [Test]
    public async Task Open_model_sends_what_was_planned_and_every_one_arrives()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("open", new ConstantArrivalRate(200, TimeSpan.FromSeconds(2), MaxUsers: 200), Get("/ok")));
        Assert.That(result.Iterations.Planned, Is.EqualTo(400));
        Assert.That(result.Iterations.Started + result.Iterations.Dropped, Is.EqualTo(400));
        Assert.That(result.Step("ok")!.Requests, Is.EqualTo(result.Iterations.Started).And.EqualTo(Server.Received));
    }

    [Test]
    public async Task Server_errors_are_classed_by_status_and_fail_the_success_rate()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("errors", new ConstantUsers(2, TimeSpan.FromSeconds(1)), Get("/fail"))
            { Thresholds = [new Threshold("fail", "rate", ">", 0.95, ThresholdWindow.Whole)] });
        var fail = result.Step("fail")!;
        Assert.That(fail.ErrorClasses["http_503"], Is.EqualTo(fail.Requests).And.EqualTo(Server.Received));
        Assert.That(result.Thresholds.Single().Observed, Is.Zero);
        Assert.That(result.ThresholdsPassed, Is.False);
    }

    [Test]
    public async Task A_server_that_is_gone_gives_connection_refused_not_a_crash()
    {
        var port = Server.BaseUrl.Port;
        await Server.DisposeAsync();
        Server = await LoopbackServer.StartAsync();
        using var gone = LoadHttpClient.Create(new Uri($"http://127.0.0.1:{port}"));
        var result = await LoadRun.RunAsync(new LoadRunOptions("refused", new ConstantUsers(1, TimeSpan.FromSeconds(0.5)), async ctx =>
        {
            await ctx.StepAsync("gone", async ct => StepOutcome.FromStatus((await gone.GetAsync("/ok", ct)).StatusCode));
            await ctx.ThinkAsync(TimeSpan.FromMilliseconds(50));
        }));
        Assert.That(result.Step("gone")!.ErrorClasses.Keys, Is.EqualTo(new[] { "connection_refused" }));
    }

    [Test]
    public async Task A_journey_that_blocks_its_IO_thread_is_named_in_the_runs_errors()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("blocking", new ConstantUsers(1, TimeSpan.FromSeconds(0.5)), async ctx =>
            await ctx.StepAsync("ok", async ct =>
            {
                using var response = await Http.GetAsync("/ok", ct).ConfigureAwait(false);
                Thread.Sleep(300); // what a journey must not do: every response on this thread waits
                return StepOutcome.FromStatus(response.StatusCode);
            })));
        Assert.That(result.IterationErrors, Has.Some.Contains("held a load I/O thread"));
    }
}
