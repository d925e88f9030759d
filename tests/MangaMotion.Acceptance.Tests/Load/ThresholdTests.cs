using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Load.Thresholds;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

public sealed class ThresholdTests
{
    /// <summary>The engine's thresholds are built as data (scenarios write them in the criteria tables' grammar: see HeldLimits).</summary>
    private static Threshold T(string step, string metric, string comparison, double limit, ThresholdWindow? window = null) =>
        new(step, metric, comparison, limit, window ?? ThresholdWindow.Whole);

    private static (MeasurementStore Store, LoadPlan Plan) StoreWith(params (int Stage, int Millis, bool Ok)[][] seconds)
    {
        var plan = RampingUsers.Stepwise(1, 2, 1, TimeSpan.FromSeconds(seconds.Length / 2.0)).Plan();
        var store = new MeasurementStore(windowSeconds: 2);
        var t = 0;
        foreach (var second in seconds)
        {
            foreach (var (_, ms, ok) in second) store.Meters("work").Record(ok ? StepOutcome.Success(200) : StepOutcome.FromStatus(System.Net.HttpStatusCode.InternalServerError), ms * 1000L, 0);
            store.Tick(TimeSpan.FromSeconds(++t), plan.Stages.Where(s => s.End > s.Start).ElementAt(second[0].Stage));
        }
        return (store, plan);
    }

    private static (int, int, bool)[] Second(int stage, int millis, int count, int failures = 0) =>
        Enumerable.Range(0, count).Select(i => (stage, millis, i >= failures)).ToArray();

    [Test]
    public void Whole_run_thresholds_report_observed_value_limit_and_window()
    {
        var (store, plan) = StoreWith(Second(0, 10, 95).Concat(Second(0, 900, 5)).ToArray(), Second(1, 10, 100));
        var results = new ThresholdEvaluator([T("work", "p(99)", "<", 500), T("work", "p(95)", "<", 20), T("work", "rate", ">", 0.99)], store, plan)
            .Final(TimeSpan.FromSeconds(2));
        Assert.That(results.Select(r => r.Passed), Is.EqualTo(new[] { false, true, true }));
        Assert.That(results[0].Observed, Is.EqualTo(900).Within(1), "p99 of 200 values with 5 at 900 ms");
        Assert.That((results[0].Metric, results[0].Limit, results[0].Unit, results[0].Window), Is.EqualTo(("p(99)", 500.0, "ms", "whole run")));
    }

    [Test]
    public void Per_stage_thresholds_judge_each_stage_and_name_it()
    {
        var (store, plan) = StoreWith(Second(0, 10, 50), Second(1, 200, 50, failures: 10));
        var results = new ThresholdEvaluator([T("work", "p(50)", "<", 100, ThresholdWindow.PerStage), T("work", "rate", ">", 0.95, ThresholdWindow.PerStage)], store, plan)
            .Final(TimeSpan.FromSeconds(2));
        Assert.That(results.Select(r => (r.Where, r.Passed)), Is.EqualTo(new[]
        {
            ("stage 1: 1 users", true), ("stage 3: 2 users", false), ("stage 1: 1 users", true), ("stage 3: 2 users", false),
        }));
        Assert.That(results[3].Observed, Is.EqualTo(0.8).Within(1e-9));
    }

    [Test]
    public void Sliding_windows_fail_when_any_window_fails_and_say_when()
    {
        var plan = new ConstantUsers(1, TimeSpan.FromSeconds(6)).Plan();
        var store = new MeasurementStore(windowSeconds: 2);
        var evaluator = new ThresholdEvaluator([T("work", "p(50)", "<", 100, new ThresholdWindow.Sliding(TimeSpan.FromSeconds(2)))], store, plan);
        var millis = new[] { 10, 10, 10, 500, 500, 10 };
        for (var s = 0; s < millis.Length; s++)
        {
            for (var i = 0; i < 20; i++) store.Meters("work").Record(StepOutcome.Success(200), millis[s] * 1000L, 0);
            store.Tick(TimeSpan.FromSeconds(s + 1), plan.Stages[0]);
            evaluator.OnSecond(TimeSpan.FromSeconds(s + 1));
        }
        var result = evaluator.Final(TimeSpan.FromSeconds(6)).Single();
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Observed, Is.EqualTo(500).Within(1));
        Assert.That(result.Where, Is.EqualTo("first failed in the window ending at 5s"), "seconds 4 and 5 are both slow; the window ending at 4s is half fast");
    }

    [Test]
    public void No_requests_is_no_evidence_so_the_threshold_does_not_pass()
    {
        var (store, plan) = StoreWith(Second(0, 10, 5));
        var result = new ThresholdEvaluator([T("ghost", "rate", ">", 0.95)], store, plan).Final(TimeSpan.FromSeconds(1)).Single();
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Note, Does.Contain("no requests"));
    }

    [Test]
    public async Task Abort_on_fail_stops_the_run_after_its_grace_and_says_why()
    {
        var options = new LoadRunOptions("abort", new ConstantUsers(2, TimeSpan.FromSeconds(20)), async ctx =>
        {
            await ctx.StepAsync("work", _ => Task.FromResult(StepOutcome.FromStatus(System.Net.HttpStatusCode.ServiceUnavailable)));
            await ctx.ThinkAsync(TimeSpan.FromMilliseconds(20));
        })
        { Thresholds = [new Threshold("work", "rate", ">", 0.5, ThresholdWindow.Whole, AbortOnFail: true, AbortGrace: TimeSpan.FromSeconds(1))], StopGrace = TimeSpan.FromSeconds(1) };
        var result = await LoadRun.RunAsync(options);
        Assert.That(result.StoppedEarly, Does.StartWith("aborted: threshold 'work: rate > 0.5 (whole run)' failed: 0 % against above 50 %"));
        Assert.That(result.ActualDuration, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(result.Thresholds.Single().Passed, Is.False);
    }
}
