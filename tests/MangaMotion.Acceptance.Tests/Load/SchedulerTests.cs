using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>Behaviour of the schedulers with in-memory journeys: users, ramps, graceful and hard stops, dropped arrivals.</summary>
public sealed class SchedulerTests
{
    private static Journey Sleeping(TimeSpan pause, Action? onStart = null, Action? onEnd = null) => async ctx =>
        await ctx.StepAsync("work", async ct =>
        {
            onStart?.Invoke();
            try { await Task.Delay(pause, ct); }
            finally { onEnd?.Invoke(); }
            return StepOutcome.Success(200);
        }, TimeSpan.FromSeconds(30));

    [Test]
    public async Task Constant_users_keep_exactly_that_many_iterations_in_flight()
    {
        int current = 0, peak = 0;
        var result = await LoadRun.RunAsync(new LoadRunOptions("closed", new ConstantUsers(5, TimeSpan.FromSeconds(1.5)),
            Sleeping(TimeSpan.FromMilliseconds(50), () => { var c = Interlocked.Increment(ref current); InterlockedMax(ref peak, c); }, () => Interlocked.Decrement(ref current))));
        Assert.That(peak, Is.EqualTo(5));
        Assert.That(result.Iterations.Completed, Is.EqualTo(result.Iterations.Started));
        Assert.That(result.Step("work")!.Requests, Is.EqualTo(result.Iterations.Completed));
        Assert.That(result.Series.First().TargetUsers, Is.EqualTo(5));
        Assert.That(result.StoppedEarly, Is.Null);
    }

    [Test]
    public async Task Ramping_down_lets_running_iterations_finish()
    {
        var model = new RampingUsers(4, [new Stage(TimeSpan.FromSeconds(0.6), 4), new Stage(TimeSpan.Zero, 0), new Stage(TimeSpan.FromSeconds(0.6), 0)], TimeSpan.FromSeconds(5));
        var result = await LoadRun.RunAsync(new LoadRunOptions("ramp down", model, Sleeping(TimeSpan.FromMilliseconds(400))));
        Assert.That(result.Iterations.Interrupted, Is.Zero);
        Assert.That(result.Iterations.Completed, Is.EqualTo(result.Iterations.Started).And.GreaterThanOrEqualTo(4));
    }

    [Test]
    public async Task Iterations_still_running_after_the_graceful_stop_are_interrupted_not_counted_as_failures()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("hard stop",
            new ConstantUsers(2, TimeSpan.FromSeconds(0.5), GracefulStop: TimeSpan.FromMilliseconds(200)), Sleeping(TimeSpan.FromSeconds(20))));
        Assert.That(result.Iterations.Interrupted, Is.EqualTo(2));
        Assert.That(result.Step("work")?.Failed ?? 0, Is.Zero);
        Assert.That(result.ActualDuration, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Arrivals_that_find_no_free_slot_are_dropped_and_counted()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("open", new ConstantArrivalRate(50, TimeSpan.FromSeconds(1), MaxUsers: 1),
            Sleeping(TimeSpan.FromMilliseconds(200))));
        var i = result.Iterations;
        Assert.That(i.Planned, Is.EqualTo(50));
        Assert.That(i.Started + i.Dropped, Is.EqualTo(i.Planned), "every planned arrival either started or was dropped");
        Assert.That(i.Dropped, Is.GreaterThan(30));
        Assert.That(i.Started, Is.InRange(2, 15), "one slot, 200 ms per iteration: about five can start in a second");
    }

    [Test]
    public async Task Open_model_keeps_its_rate_whatever_the_response_time_and_corrects_for_late_starts()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("open rate", new ConstantArrivalRate(100, TimeSpan.FromSeconds(2), MaxUsers: 100),
            Sleeping(TimeSpan.FromMilliseconds(150))));
        Assert.That(result.Iterations.Planned, Is.EqualTo(200));
        Assert.That(result.Iterations.Started, Is.EqualTo(200));
        Assert.That(result.Iterations.Dropped, Is.Zero);
        var work = result.Step("work")!;
        Assert.That(work.CorrectedLatency.Max, Is.GreaterThanOrEqualTo(work.Latency.Max * 0.999));
    }

    [Test]
    public async Task Interruption_stops_load_promptly_and_says_so()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var result = await LoadRun.RunAsync(new LoadRunOptions("interrupted", new ConstantUsers(3, TimeSpan.FromMinutes(10)), Sleeping(TimeSpan.FromSeconds(30)))
            { StopGrace = TimeSpan.FromMilliseconds(300) }, cts.Token);
        Assert.That(result.StoppedEarly, Is.EqualTo("interrupted"));
        Assert.That(result.ActualDuration, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(result.Iterations.Interrupted, Is.EqualTo(3));
    }

    [Test]
    public async Task A_journey_that_throws_fails_its_iteration_and_the_run_goes_on()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("throwing", new ConstantUsers(2, TimeSpan.FromSeconds(1)), async ctx =>
        {
            await ctx.ThinkAsync(TimeSpan.FromMilliseconds(50));
            throw new InvalidOperationException("journey bug");
        }));
        Assert.That(result.Iterations.Failed, Is.GreaterThan(4));
        Assert.That(result.IterationErrors, Has.Some.Contains("journey bug"));
    }

    [Test]
    public async Task A_step_that_outlives_its_timeout_is_a_timeout_failure()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("timeouts", new ConstantUsers(1, TimeSpan.FromSeconds(0.5)), async ctx =>
            await ctx.StepAsync("slow", async ct => { await Task.Delay(TimeSpan.FromSeconds(10), ct); return StepOutcome.Success(200); }, TimeSpan.FromMilliseconds(100))));
        var slow = result.Step("slow")!;
        Assert.That(slow.ErrorClasses["timeout"], Is.EqualTo(slow.Requests).And.GreaterThan(0));
        Assert.That(slow.Latency.Max, Is.LessThan(1000));
    }

    [Test]
    public async Task Progress_lines_are_printed_at_the_interval()
    {
        var lines = new List<string>();
        await LoadRun.RunAsync(new LoadRunOptions("progress", new ConstantUsers(2, TimeSpan.FromSeconds(2.2)), Sleeping(TimeSpan.FromMilliseconds(20)))
            { ProgressInterval = TimeSpan.FromSeconds(1), Progress = lines.Add });
        Assert.That(lines.Count, Is.InRange(2, 4));
        Assert.That(lines[0], Does.Match(@"^\[progress\] 00:0\d/00:02 \| users \d/2 \| [\d.]+ req/s \| p95 \d+ ms \| errors 0\.0% \| dropped 0$"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
