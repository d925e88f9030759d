using System.Collections.Concurrent;
using MangaMotion.Acceptance.Drivers.Modes;
using MangaMotion.Acceptance.Drivers.Pipeline;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// Runs the guide's tests against the run's target, each at most once per run (an acceptance scenario
/// that needs a test's evidence gets the same record as the test's own feature), one at a time with the
/// profile's cool-down between them, each through the same stages: prepare, observe, (agents: barrier),
/// load with the probes sampling on its clock, settle the jobs' fates, collect, (agents: merge), record.
/// What differs between a single process, the agents of a distributed run and a merge is the
/// <see cref="RunMode"/>'s, chosen once.
/// </summary>
public sealed class GuideTests(SuiteTarget target, string runId, string logFolder, Action<string> progress, RunInterruption interruption, RunMode mode, Func<Task> afterEachTest)
    : IAsyncDisposable
{
    public RunMode Mode => mode;
    private IReadOnlySet<string> Skip { get; } = mode.SkipProbes(target.Settings.SkipProbes);
    private readonly ConcurrentDictionary<string, Lazy<Task<GuideTestRecord>>> _runs = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly HttpClient _http = LoadHttpClient.Create(transport: LoadTransports.Parse(target.Settings.LoadTransport));
    private readonly ConcurrentQueue<string> _objects = new();
    private readonly ConcurrentQueue<string> _jobs = new();
    // After Skip: a mode that observes nothing skips every probe, Redis's queue included.
    private ObserveStage Observe => _observe ??= new(new QueueBacklogWatch(!Skip.Contains(ProbeNames.Redis)), Skip, target.Settings.JobStates);
    private ObserveStage? _observe;
    private DateTimeOffset _lastEnded = DateTimeOffset.MinValue;
    private Task _current = Task.CompletedTask;

    public LoadProfile Profile { get; } = LoadProfile.For(target.Settings);
    public LoadProfile ReleaseProfile { get; } = LoadProfile.Release(target.Settings);
    /// <summary>The guide's release sizes without any override: what a run must apply to be eligible for sign-off.</summary>
    public LoadProfile GuideRelease { get; } = LoadProfile.GuideRelease(target.Settings);
    /// <summary>The tests finished so far (an interrupted one included, marked stopped early), in the order they ran.</summary>
    public IEnumerable<GuideTestRecord> Completed => _completed.ToArray();
    private readonly ConcurrentQueue<GuideTestRecord> _completed = new();
    public IReadOnlyCollection<string> ObjectKeys => _objects.ToArray();
    /// <summary>The ids of the jobs the run created, for cleanup.</summary>
    public IReadOnlyCollection<string> JobIds => _jobs.ToArray();

    /// <summary>What was done to the deployment before the first test (the guide's pre-test steps the settings asked for), or null before it.</summary>
    public string? Preparation { get; private set; }

    /// <summary>How long the worker test waits for earlier tests' jobs to drain: QUEUE_DRAIN_WAIT or the profile's default.</summary>
    public TimeSpan DrainWait => target.Settings.QueueDrainWait ?? (Profile.CanSignOff ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(30));

    public Task<GuideTestRecord> RunAsync(string test) => RunAsync(test, []);

    private readonly ConcurrentDictionary<string, IReadOnlyList<HeldLimit>> _held = new();

    /// <summary>
    /// Runs the test once, held to <paramref name="limits"/> while it runs (the engine judges them each
    /// second; an abort rule stops the test early). Limits stated after the test ran cannot apply: refused.
    /// </summary>
    public Task<GuideTestRecord> RunAsync(string test, IReadOnlyList<HeldLimit> limits)
    {
        if (limits.Count > 0 && _runs.ContainsKey(test) && !_held.GetValueOrDefault(test, []).SequenceEqual(limits))
            throw new InvalidOperationException($"the {test} test already ran in this run without these limits: state limits held while it runs in the first scenario that runs it");
        if (limits.Count > 0) _held.TryAdd(test, limits);
        return _runs.GetOrAdd(test, t => new Lazy<Task<GuideTestRecord>>(() => RunOnceAsync(t))).Value;
    }

    /// <summary>The limits the test was held to while it ran (none unless a scenario stated them before it ran).</summary>
    public IReadOnlyList<HeldLimit> HeldLimitsOf(string test) => _held.GetValueOrDefault(test, []);

    /// <summary>Completes when the test running now (if any) has stopped and been recorded, or after <paramref name="bound"/>.</summary>
    public Task SettledAsync(TimeSpan bound) => Task.WhenAny(_current, Task.Delay(bound));

    private async Task<GuideTestRecord> RunOnceAsync(string test)
    {
        await _oneAtATime.WaitAsync();
        var done = new TaskCompletionSource();
        _current = done.Task;
        try
        {
            await CoolDownAsync();
            Preparation ??= await mode.PrepareAsync(async () => await PrepareStage.FlushRedisAsync(target.Settings, await target.EndpointsAsync(), progress));
            var record = mode.AppliesLoad ? await ApplyAsync(test) : await mode.MergedAsync(test, progress, interruption.Token);
            _completed.Enqueue(record);
            // A checkpoint of the reports, while no load runs: a run killed later still leaves what it measured.
            try { await afterEachTest(); }
            catch (Exception e) { progress($"[{test}] the reports' checkpoint failed: {e.Message}"); }
            return record;
        }
        finally
        {
            _lastEnded = DateTimeOffset.UtcNow;
            _oneAtATime.Release();
            done.SetResult();
        }
    }

    private async Task CoolDownAsync()
    {
        if (interruption.Reason is { } before) throw new RunInterruptedException(before);
        var rest = _lastEnded + Profile.CoolDown - DateTimeOffset.UtcNow;
        if (rest > TimeSpan.Zero) await Task.Delay(rest, interruption.Token).ContinueWith(_ => { });
        if (interruption.Reason is { } during) throw new RunInterruptedException(during);
    }

    /// <summary>The stages of one test that this process applies load to.</summary>
    private async Task<GuideTestRecord> ApplyAsync(string test)
    {
        var endpoints = await target.EndpointsAsync();
        var stack = await target.EmbeddedStackAsync();
        var processes = stack?.Processes.ToDictionary(p => p.Key, p => p.Value.Id) ?? LocalProcesses.Find(target.Settings.TargetProcesses);
        await using var probes = new ProbeSet(endpoints, runId, processes, Skip);
        var ledger = new JobLedger((Profile.PollInterval * Profile.MaxPollAttempts).TotalSeconds);
        var (model, journey, sizes) = Plan(test, endpoints, ledger);
        await using var log = TestLog.Open(logFolder, test, progress);
        log.Say($"[{test}] {GuideTest.Titles[test]}: {Profile.Name} profile, {sizes.Applied.Describe()} (release profile: {sizes.Release.Describe()}) against {endpoints.Describe()}");
        var followsJobs = test == GuideTest.Worker;
        await using var observing = await Observe.StartAsync(test, followsJobs, DrainWait, probes, endpoints, log.Say, interruption.Token);
        var skews = await mode.StartTogetherAsync(test, interruption.Token);
        var (objectsBefore, jobsBefore) = (_objects.Count, _jobs.Count);
        var loaded = await LoadStage.RunAsync(new LoadRunOptions(test, model, journey)
        {
            Progress = log.Say, ProgressInterval = Profile.CanSignOff ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(5),
            StepTimeout = TimeSpan.FromSeconds(30), Thresholds = HeldLimitsOf(test).Select(l => l.Engine).ToList(),
            Segment = mode.Segment, KeepHistograms = mode.Agents is not null,
        }, probes, interruption.Token);
        await JobFates.SettleAsync(ledger, observing.Witnesses.Started, loaded.Series, log.Say);
        foreach (var id in ledger.CreatedIds.Take(1_000_000 - _jobs.Count)) _jobs.Enqueue(id);
        CollectStage.Summarize(test, loaded.Result, log.Say);
        var own = CollectStage.Collect(test, sizes, loaded, test is GuideTest.Worker or GuideTest.Uploads ? ledger.Outcomes : null, observing.Backlog);
        var combined = await mode.CombineAsync(test, own, [.. _objects.Skip(objectsBefore)], [.. _jobs.Skip(jobsBefore)], skews, log.Say, interruption.Token);
        foreach (var key in combined.OthersObjects) _objects.Enqueue(key);
        foreach (var id in combined.OthersJobs) _jobs.Enqueue(id);
        return combined.Record;
    }

    private (LoadModel Model, Journey Journey, AppliedSizes Sizes) Plan(string test, TargetEndpoints endpoints, JobLedger ledger)
    {
        var plan = GuidePlans.GuideTestPlans.For(test);
        var size = plan.SizeIn(Profile);
        var journeys = new MangaMotionJourneys(_http, endpoints.BaseUrl,
            new JourneyOptions(TestDataCleanup.UserPrefix(runId) + mode.UserSuffix, size.FileSizeKb, Pacing.ThinkTime, Profile.MaxPollAttempts, Profile.PollInterval, target.Settings.JobStates), _objects);
        var pollBudget = Profile.PollInterval * Profile.MaxPollAttempts + TimeSpan.FromSeconds(10);
        var (model, journey) = plan.Load(size, new GuidePlans.PlanInputs(journeys, ledger, pollBudget));
        return (model, journey, new AppliedSizes(Profile.Name, size, plan.SizeIn(ReleaseProfile), plan.SizeIn(GuideRelease)));
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        mode.Dispose();
        _oneAtATime.Dispose();
        return ValueTask.CompletedTask;
    }
}
