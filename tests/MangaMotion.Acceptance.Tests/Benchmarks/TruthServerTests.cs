using System.Diagnostics;
using MangaMotion.Acceptance.Benchmarks.Fidelity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Benchmarks;

/// <summary>The fidelity bench's truth server serves and records the distribution it is set to, and holds answers in a stall.</summary>
public sealed class TruthServerTests
{
    private WebApplication _app = null!;
    private TruthClient _truth = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        new TruthServer().Map(_app);
        await _app.StartAsync();
        var url = new Uri(_app.Urls.First());
        (_truth, _http) = (new TruthClient(url), new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        _truth.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task A_fixed_service_time_is_what_every_request_takes()
    {
        await _truth.ResetAsync(ServiceDistribution.Fixed20);
        await SendAsync(200, parallel: 8);
        var seen = await _truth.ReadAsync();
        Assert.That(seen.Count, Is.EqualTo(200));
        Assert.That(seen.Service.Min, Is.GreaterThanOrEqualTo(20), "no answer before its service time");
        Assert.That(seen.Service.P50, Is.InRange(20, 30), "the median request takes the set time (a timer's slack on a busy machine at most)");
        Assert.That(seen.Stalled, Is.Zero);
    }

    [Test]
    public async Task A_mix_gives_each_share_its_time()
    {
        await _truth.ResetAsync(ServiceDistribution.Mix, seed: 31);
        await SendAsync(400, parallel: 16);
        var seen = await _truth.ReadAsync();
        Assert.That(seen.Count, Is.EqualTo(400));
        Assert.That(seen.Service.Min, Is.GreaterThanOrEqualTo(10));
        Assert.That(seen.Service.P50, Is.InRange(10, 20), "90 % at 10 ms: the median is one of them");
        Assert.That(seen.Service.P95, Is.InRange(200, 260), "10 % at 200 ms: p95 and p99 are in the slow part");
        Assert.That(seen.Service.P99, Is.InRange(200, 260));
        Assert.That(seen.Service.P50, Is.EqualTo(seen.Work.P50), "no stall, so work and service are one");
    }

    [Test]
    public async Task An_answer_due_in_a_stall_waits_for_its_end()
    {
        var clock = Stopwatch.StartNew();
        await _truth.ResetAsync(ServiceDistribution.Parse("fixed:0"), StallSchedule.Parse("2s/1000s@0s"));
        await SendAsync(1, parallel: 1);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)), "nothing is answered before the stall ends");
        var seen = await _truth.ReadAsync();
        Assert.That(seen.Count, Is.EqualTo(1));
        Assert.That(seen.Service.Max - seen.Work.Max, Is.GreaterThan(0), "the wait is in the service time, not in the work");
    }

    private async Task SendAsync(int requests, int parallel)
    {
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, ct) =>
        {
            using var content = new ByteArrayContent(new byte[1024]);
            using var response = await _http.PostAsync("api/upload", content, ct);
            response.EnsureSuccessStatusCode();
            Assert.That(await response.Content.ReadAsStringAsync(ct), Does.Contain("jobId"));
        });
    }
}
