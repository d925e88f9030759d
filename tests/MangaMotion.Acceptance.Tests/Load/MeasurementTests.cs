using System.Net;
using System.Net.Sockets;
using MangaMotion.Acceptance.Load.Measurement;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

public sealed class MeasurementTests
{
    [Test]
    public void Percentiles_are_exact_to_three_significant_digits()
    {
        var store = new MeasurementStore();
        for (var ms = 1; ms <= 10_000; ms++) store.Meters("s").Record(StepOutcome.Success(200), ms * 1000L, 0);
        store.Tick(TimeSpan.FromSeconds(1), null);
        var stats = store.Whole("s")!;
        Assert.That(stats.Requests, Is.EqualTo(10_000));
        Assert.That(stats.Latency.P50, Is.EqualTo(5000).Within(0.1).Percent);
        Assert.That(stats.Latency.P99, Is.EqualTo(9900).Within(0.1).Percent);
        Assert.That(stats.LatencyAt(99.9), Is.EqualTo(9990).Within(0.1).Percent);
        Assert.That(stats.Latency.Max, Is.EqualTo(10_000).Within(0.1).Percent);
        Assert.That(stats.Latency.Mean, Is.EqualTo(5000.5).Within(0.1).Percent);
    }

    [Test]
    public void Seconds_merge_into_stage_and_whole_run_totals_without_losing_a_request()
    {
        var store = new MeasurementStore();
        var stageA = new MangaMotion.Acceptance.Load.Models.PlannedStage(0, "a", TimeSpan.Zero, TimeSpan.FromSeconds(2), 1, 1);
        var stageB = stageA with { Index = 1, Name = "b" };
        var perSecond = new[] { (stageA, 30), (stageA, 20), (stageB, 50) };
        foreach (var (stage, n) in perSecond)
        {
            for (var i = 0; i < n; i++) store.Meters("s").Record(i % 10 == 0 ? StepOutcome.Failed(ErrorClasses.Timeout) : StepOutcome.Success(200), 1000 * (i + 1), 0);
            store.Tick(TimeSpan.FromSeconds(1), stage);
        }
        Assert.That(store.Stage("s", 0)!.Requests + store.Stage("s", 1)!.Requests, Is.EqualTo(store.Whole("s")!.Requests));
        Assert.That(store.Whole("s")!.Requests, Is.EqualTo(100));
        Assert.That(store.Whole("s")!.Failed, Is.EqualTo(3 + 2 + 5));
        Assert.That(store.Series.Select(s => s.Steps["s"].Requests), Is.EqualTo(new[] { 30L, 20L, 50L }));
        Assert.That(store.Series.Select(s => s.Steps["s"].Errors), Is.EqualTo(new[] { 3L, 2L, 5L }));
    }

    [Test]
    public void Status_codes_error_classes_bytes_and_a_few_examples_are_counted()
    {
        var store = new MeasurementStore();
        var meters = store.Meters("upload");
        for (var i = 0; i < 10; i++) meters.Record(StepOutcome.FromStatus(HttpStatusCode.TooManyRequests, 100, 50, "{\"error\":\"Too many requests\"}"), 1000, 0);
        meters.Record(StepOutcome.Success(200, 100_000, 20), 1000, 0);
        meters.Record(StepOutcome.CheckFailed("no jobId in the answer", 200), 1000, 0);
        store.Tick(TimeSpan.FromSeconds(1), null);
        var s = store.Whole("upload")!;
        Assert.That(s.StatusCodes, Is.EqualTo(new Dictionary<int, long> { [200] = 2, [429] = 10 }));
        Assert.That(s.ErrorClasses, Is.EqualTo(new Dictionary<string, long> { ["check_failed"] = 1, ["http_429"] = 10 }));
        Assert.That(s.Examples["http_429"], Has.Count.EqualTo(3));
        Assert.That((s.BytesSent, s.BytesReceived), Is.EqualTo((101_000L, 520L)));
        Assert.That(s.SuccessRate, Is.EqualTo(1.0 / 12).Within(1e-12));
    }

    [Test]
    public void Corrected_latency_adds_the_lag_of_a_late_start()
    {
        var store = new MeasurementStore();
        store.Meters("s").Record(StepOutcome.Success(200), 10_000, lagMicros: 990_000);
        store.Tick(TimeSpan.FromSeconds(1), null);
        Assert.That(store.Whole("s")!.Latency.Max, Is.EqualTo(10).Within(0.1).Percent);
        Assert.That(store.Whole("s")!.CorrectedLatency.Max, Is.EqualTo(1000).Within(0.1).Percent);
    }

    [Test]
    public void Exceptions_are_classified_by_what_went_wrong()
    {
        Assert.That(ErrorClasses.ForException(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), false), Is.EqualTo("connection_refused"));
        Assert.That(ErrorClasses.ForException(new HttpRequestException("x", new IOException("x", new SocketException((int)SocketError.ConnectionReset))), false), Is.EqualTo("connection_reset"));
        Assert.That(ErrorClasses.ForException(new HttpRequestException(HttpRequestError.NameResolutionError, "x"), false), Is.EqualTo("dns"));
        Assert.That(ErrorClasses.ForException(new HttpRequestException("x", new System.Security.Authentication.AuthenticationException()), false), Is.EqualTo("tls"));
        Assert.That(ErrorClasses.ForException(new TaskCanceledException(), timedOut: true), Is.EqualTo("timeout"));
        Assert.That(ErrorClasses.ForException(new InvalidOperationException(), false), Is.EqualTo("other:InvalidOperationException"));
    }
}
