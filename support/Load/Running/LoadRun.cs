using MangaMotion.Acceptance.Load.Http.Loop;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Thresholds;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>What to run and how to watch it.</summary>
public sealed record LoadRunOptions(string Name, LoadModel Model, Journey Journey)
{
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>Deadline of each step's request unless the journey gives its own.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    public Action<string>? Progress { get; init; }

    /// <summary>After an abort or interruption, how long in-flight iterations may still finish.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The run's timeline (create it just before the run; probes sample on the same clock).</summary>
    public RunClock? Clock { get; init; }

    /// <summary>Where the generator counts as saturated (see <see cref="Running.GeneratorLimits"/>).</summary>
    public GeneratorLimits? GeneratorLimits { get; init; }

    /// <summary>This agent's part of the load when several agents apply it together.</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>Keep every histogram encoded (whole run, stages, each second), so that agents' results merge exactly.</summary>
    public bool KeepHistograms { get; init; }
}

/// <summary>
/// Executes a validated plan with the scheduler its model needs, closes each second of measurement,
/// checks abort thresholds, prints progress, and returns the result. Interruption (the token) stops
/// load promptly: no new iterations, in-flight ones get <see cref="LoadRunOptions.StopGrace"/>.
/// </summary>
public static class LoadRun
{
    /// <exception cref="InvalidPlanException">before anything runs, when the model cannot run</exception>
    public static async Task<LoadResult> RunAsync(LoadRunOptions options, CancellationToken interruption = default)
    {
        var plan = options.Model.Plan().Share(options.Segment);
        // Journeys are async, but one that blocks must not wait seconds for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < Math.Min(plan.MaxUsers, 256)) ThreadPool.SetMinThreads(Math.Min(plan.MaxUsers, 256), io);
        var store = new MeasurementStore(ThresholdEvaluator.LongestWindowSeconds(options.Thresholds), options.KeepHistograms);
        var evaluator = new ThresholdEvaluator(options.Thresholds, store, plan);
        var clock = options.Clock ?? new RunClock();
        using var iterations = new IterationRunner(options.Journey, store, options.StepTimeout);
        using var stopStarting = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource();
        string? stoppedEarly = null;
        void Stop(string why)
        {
            stoppedEarly ??= why;
            stopStarting.Cancel();
            hardStop.CancelAfter(options.StopGrace);
        }
        await using var onInterrupt = interruption.Register(() => Stop("interrupted"));

        var holdsBefore = IoLoop.Holds.Count;
        await using var watch = GeneratorWatch.Start(options.GeneratorLimits);
        var scheduler = plan.IsOpen
            ? new OpenScheduler(plan, iterations, store, clock, watch).RunAsync(stopStarting.Token, hardStop.Token)
            : new ClosedScheduler(plan, iterations, store, clock).RunAsync(stopStarting.Token, hardStop.Token);

        var lastProgress = TimeSpan.Zero;
        for (var second = 1; ; second++)
        {
            var due = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (due > TimeSpan.Zero && await Task.WhenAny(scheduler, Task.Delay(due, CancellationToken.None)).ConfigureAwait(false) == scheduler) break;
            store.Tick(clock.Elapsed, StageFor(plan, TimeSpan.FromSeconds(second - 0.5)));
            if (evaluator.OnSecond(clock.Elapsed) is { } reason) Stop($"aborted: {reason}");
            if (options.Progress is not null && clock.Elapsed - lastProgress >= options.ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                var series = store.Series;
                options.Progress(ProgressLine.Format(options.Name, clock.Elapsed, plan.Duration, series.TakeLast((int)Math.Max(1, options.ProgressInterval.TotalSeconds)).ToList()));
            }
        }
        await scheduler.ConfigureAwait(false);
        var duration = clock.Elapsed;
        store.Tick(duration, StageFor(plan, duration - TimeSpan.FromMilliseconds(1)));
        options.Progress?.Invoke(ProgressLine.Format(options.Name, duration, plan.Duration, store.Series.TakeLast(Math.Max(1, (int)options.ProgressInterval.TotalSeconds)).ToList()));

        var generator = await watch.StopAsync(store.Iterations.Dropped).ConfigureAwait(false);
        return new LoadResult(options.Name, plan.Kind, plan.Description, clock.StartedAt, plan.Duration, duration, plan.Stages,
            store.Whole(),
            plan.Stages.Where(s => s.End > s.Start && s.Start < duration)
                .Select(s => new StageResult(s, store.StepNames.Select(n => store.Stage(n, s.Index)).OfType<StepStats>().ToList())).ToList(),
            store.Iterations, [.. store.IterationErrors, .. LoopHolds(holdsBefore)], store.Series, evaluator.Final(duration), stoppedEarly)
        {
            Generator = generator, Segment = plan.Segment, Histograms = options.KeepHistograms ? store.Encoded() : null,
        };
    }

    /// <summary>Journey code that held a load I/O loop (it blocked, or the machine starved it of CPU) skews the latencies measured meanwhile.</summary>
    private static IEnumerable<string> LoopHolds(long before)
    {
        var (count, longest) = IoLoop.Holds;
        if (count > before)
            yield return $"{count - before} time(s) a journey held a load I/O thread for {IoLoop.HoldLimit.TotalMilliseconds:0} ms or more (longest so far {longest.TotalMilliseconds:0} ms): " +
                         "responses on that thread waited meanwhile, so latencies measured then are inflated; journeys must not block (or the machine was starved of CPU)";
    }

    /// <summary>The stage a second belongs to; iterations finishing in the graceful stop count to the last stage.</summary>
    private static PlannedStage? StageFor(LoadPlan plan, TimeSpan t) =>
        plan.StageAt(t) ?? (t >= plan.Duration ? plan.Stages.LastOrDefault(s => s.End > s.Start) : null);
}
