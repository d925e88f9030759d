using System.Diagnostics;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>Percentiles of one truth histogram, in milliseconds.</summary>
public sealed record TruthPercentiles(double Min, double P50, double P95, double P99, double Max)
{
    public double At(int percentile) => percentile switch { 50 => P50, 95 => P95, 99 => P99, _ => throw new ArgumentOutOfRangeException(nameof(percentile)) };
}

/// <summary>What the server saw since its last reset: each request's time from arrival to its last byte written (service) and the same without its waits for a stall (work).</summary>
/// <param name="StallOverrunP95">how much later than the schedule's stall end the held requests were let go, p95 (ms): the truth server's own error</param>
public sealed record TruthSnapshot(long Count, long Stalled, TruthPercentiles Service, TruthPercentiles Work, double StallOverrunP95);

/// <summary>
/// The bench's truth: an upload endpoint (the journeys' own /api/upload, and GET /ok for wrk) whose service time follows a
/// distribution the bench sets, that can stall on a schedule, and that records each request's own time
/// from its arrival (the handler's start: headers read) to its answer's last byte written.
/// </summary>
public sealed class TruthServer
{
    private readonly object _gate = new();
    private LongHistogram _service = NewHistogram(), _work = NewHistogram(), _overrun = NewHistogram();
    private long _stalled, _jobs;
    private ServiceDistribution _distribution = ServiceDistribution.Parse("fixed:0");
    private StallSchedule? _stall;
    private long _epoch = Stopwatch.GetTimestamp();
    private Random _random = new();

    private static LongHistogram NewHistogram() => new(1, 3_600_000_000, 3);

    public void Map(WebApplication app)
    {
        app.MapPost("/api/upload", context => AnswerAsync(context, $"{{\"jobId\":\"{Interlocked.Increment(ref _jobs)}\",\"status\":\"queued\"}}", "application/json"));
        // wrk's paced script (ExternalTools) sends GET /ok: the stall test serves it the same way.
        app.MapGet("/ok", context => AnswerAsync(context, "ok", "text/plain"));
        app.MapPost("/truth/reset", (string? service, string? stall, int? seed) =>
        {
            try { Reset(ServiceDistribution.Parse(service ?? "fixed:0"), stall is { Length: > 0 } s ? StallSchedule.Parse(s) : null, seed); }
            catch (FormatException e) { return HttpResults.BadRequest(e.Message); }
            return HttpResults.Ok();
        });
        app.MapGet("/truth", () => HttpResults.Json(Snapshot()));
    }

    /// <param name="seed">draws the service times from this seed: the same shares whatever the requests' order</param>
    public void Reset(ServiceDistribution distribution, StallSchedule? stall, int? seed = null)
    {
        lock (_gate)
        {
            (_service, _work, _overrun, _stalled, _random) = (NewHistogram(), NewHistogram(), NewHistogram(), 0, seed is { } s ? new Random(s) : new Random());
            (_distribution, _stall, _epoch) = (distribution, stall, Stopwatch.GetTimestamp());
        }
    }

    public TruthSnapshot Snapshot()
    {
        static TruthPercentiles Of(LongHistogram h) => h.TotalCount == 0 ? new(0, 0, 0, 0, 0)
            : new(h.GetValueAtPercentile(0) / 1000.0, h.GetValueAtPercentile(50) / 1000.0, h.GetValueAtPercentile(95) / 1000.0, h.GetValueAtPercentile(99) / 1000.0, h.GetMaxValue() / 1000.0);
        lock (_gate) return new(_service.TotalCount, _stalled, Of(_service), Of(_work), _overrun.TotalCount == 0 ? 0 : _overrun.GetValueAtPercentile(95) / 1000.0);
    }

    private async Task AnswerAsync(HttpContext context, string answer, string contentType)
    {
        var arrived = Stopwatch.GetTimestamp();
        StallSchedule? stall;
        long epoch;
        double serviceMs;
        lock (_gate) (serviceMs, stall, epoch) = (_distribution.DrawMs(_random.NextDouble()), _stall, _epoch);
        var (held, overrun) = await HoldAsync(stall, epoch);
        var served = Stopwatch.GetTimestamp();
        await context.Request.Body.CopyToAsync(Stream.Null);
        await WaitUntilAsync(served, TimeSpan.FromMilliseconds(serviceMs));
        var (heldAgain, overrunAgain) = await HoldAsync(stall, epoch);
        (held, overrun) = (held + heldAgain, overrun + overrunAgain);
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(answer);
        await context.Response.CompleteAsync();
        var total = Stopwatch.GetElapsedTime(arrived);
        lock (_gate)
        {
            if (epoch != _epoch) return; // from before the last reset
            _service.RecordValue(Math.Max(1, (long)total.TotalMicroseconds));
            _work.RecordValue(Math.Max(1, (long)(total - held).TotalMicroseconds));
            if (held <= TimeSpan.Zero) return;
            _stalled++;
            _overrun.RecordValue(Math.Max(1, (long)overrun.TotalMicroseconds));
        }
    }

    /// <summary>
    /// Until the service time has passed since it began: .NET's timers may fire a few milliseconds early
    /// (seen: 16.5 ms for 20), so the rest is waited out in 1 ms steps and no request is served faster than set.
    /// </summary>
    private static async Task WaitUntilAsync(long since, TimeSpan service)
    {
        if (service <= TimeSpan.Zero) return;
        await Task.Delay(service);
        while (Stopwatch.GetElapsedTime(since) < service) await Task.Delay(1);
    }

    /// <summary>Waits out the stall this moment falls in, if any: how long it waited, and how much longer than the schedule said.</summary>
    private static async Task<(TimeSpan Held, TimeSpan Overrun)> HoldAsync(StallSchedule? stall, long epoch)
    {
        if (stall is null) return default;
        var wait = stall.WaitAt(Stopwatch.GetElapsedTime(epoch));
        if (wait <= TimeSpan.Zero) return default;
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(wait);
        while (stall.WaitAt(Stopwatch.GetElapsedTime(epoch)) > TimeSpan.Zero) await Task.Delay(1);
        var held = Stopwatch.GetElapsedTime(start);
        return (held, held - wait);
    }
}
