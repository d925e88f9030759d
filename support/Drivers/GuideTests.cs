using System.Collections.Concurrent;
using MangaMotion.Acceptance.Agents;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Probes.Jobs;
using MangaMotion.Acceptance.Probes.Queue;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// Runs the guide's tests against the run's target, each at most once per run (an acceptance scenario
/// that needs a test's evidence gets the same record as the test's own feature), with the profile's
/// sizes, a cool-down between tests, the infrastructure sampled on the load's clock, and each test's
/// log kept in the run's folder.
/// </summary>
public sealed class GuideTests(SuiteTarget target, string runId, string logFolder, Action<string> progress, RunInterruption interruption, Func<Task> afterEachTest)
    : IAsyncDisposable
{

    /// <summary>This process's part when several agents apply the run (null on a single machine).</summary>
    public AgentTestRun? Agents { get; } = target.Settings.Agents.Distributed ? new AgentTestRun(AgentRun.Open(target.Settings), interruption, progress) : null;
    private IReadOnlySet<string> Skip => Agents?.SkipProbes(target.Settings.SkipProbes) ?? target.Settings.SkipProbes;
    private readonly ConcurrentDictionary<string, Lazy<Task<RunRecord>>> _runs = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly HttpClient _http = LoadHttpClient.Create(transport: LoadTransports.Parse(target.Settings.LoadTransport));
    private readonly ConcurrentQueue<string> _objects = new();
    private readonly ConcurrentQueue<string> _jobs = new();
    private readonly QueueBacklogWatch _backlog = new(!(target.Settings.Agents.Distributed && !target.Settings.Agents.Leads) && !target.Settings.SkipProbes.Contains("redis"));
    private DateTimeOffset _lastEnded = DateTimeOffset.MinValue;
    private Task _current = Task.CompletedTask;

    public LoadProfile Profile { get; } = LoadProfile.For(target.Settings);
    public LoadProfile ReleaseProfile { get; } = LoadProfile.Release(target.Settings);
    /// <summary>The guide's release sizes without any override: what a run must apply to be eligible for sign-off.</summary>
    public LoadProfile GuideRelease { get; } = LoadProfile.GuideRelease(target.Settings);
    /// <summary>The tests finished so far (an interrupted one included, marked stopped early), in the order they ran.</summary>
    public IEnumerable<RunRecord> Completed => _completed.ToArray();
    private readonly ConcurrentQueue<RunRecord> _completed = new();
    public IReadOnlyCollection<string> ObjectKeys => _objects.ToArray();
    /// <summary>The ids of the jobs the run created, for cleanup.</summary>
    public IReadOnlyCollection<string> JobIds => _jobs.ToArray();

    /// <summary>What was done to the deployment before the first test (the guide's pre-test steps the settings asked for), or null before it.</summary>
    public string? Preparation { get; private set; }

    /// <summary>The guide's pre-test FLUSHDB when FLUSH_REDIS_BEFORE_RUN asks for it (the settings refused it for a remote Redis unless allowed).</summary>
    private async Task<string> PrepareAsync(TargetEndpoints endpoints)
    {
        string said;
        try
        {
            said = await new TestDataCleanup(endpoints.Postgres, endpoints.Redis, endpoints.S3)
                .FlushRedisIfAllowedAsync(target.Settings.FlushRedis, target.Settings.FlushRemoteRedis || endpoints.Embedded);
        }
        catch (Exception e) { said = $"Redis not flushed, FLUSH_REDIS_BEFORE_RUN failed: {e.GetType().Name}: {e.Message}"; }
        if (target.Settings.FlushRedis) progress($"before the first test: {said}");
        return said;
    }

    /// <summary>How long the worker test waits for earlier tests' jobs to drain: QUEUE_DRAIN_WAIT or the profile's default.</summary>
    public TimeSpan DrainWait => target.Settings.QueueDrainWait ?? (Profile.CanSignOff ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(30));

    public Task<RunRecord> RunAsync(string test) => RunAsync(test, []);

    private readonly ConcurrentDictionary<string, IReadOnlyList<HeldLimit>> _held = new();

    /// <summary>
    /// Runs the test once, held to <paramref name="limits"/> while it runs (the engine judges them each
    /// second; an abort rule stops the test early). Limits stated after the test ran cannot apply: refused.
    /// </summary>
    public Task<RunRecord> RunAsync(string test, IReadOnlyList<HeldLimit> limits)
    {
        if (limits.Count > 0 && _runs.ContainsKey(test) && !_held.GetValueOrDefault(test, []).SequenceEqual(limits))
            throw new InvalidOperationException($"the {test} test already ran in this run without these limits: state limits held while it runs in the first scenario that runs it");
        if (limits.Count > 0) _held.TryAdd(test, limits);
        return _runs.GetOrAdd(test, t => new Lazy<Task<RunRecord>>(() => RunOnceAsync(t))).Value;
    }

    /// <summary>The limits the test was held to while it ran (none unless a scenario stated them before it ran).</summary>
    public IReadOnlyList<HeldLimit> HeldLimitsOf(string test) => _held.GetValueOrDefault(test, []);

    /// <summary>Completes when the test running now (if any) has stopped and been recorded, or after <paramref name="bound"/>.</summary>
    public Task SettledAsync(TimeSpan bound) => Task.WhenAny(_current, Task.Delay(bound));

    private async Task<RunRecord> RunOnceAsync(string test)
    {
        await _oneAtATime.WaitAsync();
        var done = new TaskCompletionSource();
        _current = done.Task;
        try
        {
            if (interruption.Reason is { } before) throw new RunInterruptedException(before);
            var rest = _lastEnded + Profile.CoolDown - DateTimeOffset.UtcNow;
            if (rest > TimeSpan.Zero) await Task.Delay(rest, interruption.Token).ContinueWith(_ => { });
            if (interruption.Reason is { } during) throw new RunInterruptedException(during);
            if (Agents is { Settings.MergeOnly: true }) return await MergedFromStoreAsync(test);
            var endpoints = await target.EndpointsAsync();
            Preparation ??= Agents is { Settings.Leads: false } ? $"none by {Agents.Segment}: agent 0 prepares the deployment" : await PrepareAsync(endpoints);
            var stack = await target.EmbeddedStackAsync();
            var processes = stack?.Processes.ToDictionary(p => p.Key, p => p.Value.Id) ?? LocalProcesses.Find(target.Settings.TargetProcesses);
            await using var probes = new ProbeSet(endpoints, runId, processes, Skip);
            var ledger = new JobLedger((Profile.PollInterval * Profile.MaxPollAttempts).TotalSeconds);
            var (model, journey, applied, release, guide) = Plan(test, endpoints, ledger);
            await using var log = new StreamWriter(Path.Combine(logFolder, $"{test}.log"), append: false) { AutoFlush = true };
            void Say(string line) { line = Redaction.Mask(line); log.WriteLine(line); progress(line); }
            Say($"[{test}] {GuideTest.Titles[test]}: {Profile.Name} profile, {applied.Describe()} (release profile: {release.Describe()}) against {endpoints.Describe()}");
            var follows = test == GuideTest.Worker;
            var backlog = await _backlog.BeforeTestAsync(probes.Redis, follows ? DrainWait : TimeSpan.Zero, interruption.Token);
            if (backlog is { Behind: >= 1 } b)
                Say($"[{test}] starts behind {b.Behind:0} jobs queued by earlier tests" + (follows ? $" (waited {b.WaitedSeconds:0} s of QUEUE_DRAIN_WAIT={DurationText.Format(DrainWait)} for them to drain)" : ""));
            await using var witnesses = new WitnessSet(follows ? Witnesses(probes, endpoints) : [], Say);
            await witnesses.StartAsync();
            var skews = Agents is null ? null : await Agents.StartTogetherAsync(test, interruption.Token);
            var (objectsBefore, jobsBefore) = (_objects.Count, _jobs.Count);
            var clock = new RunClock();
            await using var sampler = new Sampler(probes.All, clock, probes.Secrets);
            sampler.Start();
            var result = await LoadRun.RunAsync(new LoadRunOptions(test, model, journey)
            {
                Clock = clock, Progress = Say, ProgressInterval = Profile.CanSignOff ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(5),
                StepTimeout = TimeSpan.FromSeconds(30), Thresholds = HeldLimitsOf(test).Select(l => l.Engine).ToList(),
                Segment = Agents?.Segment ?? ExecutionSegment.Whole, KeepHistograms = Agents is not null,
            }, interruption.Token);
            var series = await sampler.StopAsync();
            await JobFates.SettleAsync(ledger, witnesses.Started, series, Say);
            foreach (var id in ledger.CreatedIds.Take(1_000_000 - _jobs.Count)) _jobs.Enqueue(id);
            Say($"[{test}] done in {result.ActualDuration.TotalSeconds:0.0} s: {string.Join("; ", result.Steps.Select(s => $"{s.Step} {s.Requests} requests, {s.SuccessRate:P1} ok, p95 {s.Latency.P95:0} ms"))}");
            if (result.StoppedEarly is { } why) Say($"[{test}] stopped early: {why}");
            if (result.Generator is { Saturated: true } generator) Say($"[{test}] {generator.State()}");
            var record = new RunRecord(test, GuideTest.Titles[test], $"{Profile.Name} profile, {applied.Describe()}", release.Describe(), result, series, test is GuideTest.Worker or GuideTest.Uploads ? ledger.Outcomes : null)
            {
                Backlog = backlog, AppliedSize = applied, ReleaseSize = guide,
            };
            if (Agents is not null) record = await CombineAsync(test, record, objectsBefore, jobsBefore, skews!, Say);
            _completed.Enqueue(record);
            // A checkpoint of the reports, while no load runs: a run killed later still leaves what it measured.
            try { await afterEachTest(); }
            catch (Exception e) { Say($"[{test}] the reports' checkpoint failed: {e.Message}"); }
            return record;
        }
        finally
        {
            _lastEnded = DateTimeOffset.UtcNow;
            _oneAtATime.Release();
            done.SetResult();
        }
    }

    /// <summary>Leaves this agent's part; on agent 0 the test's record becomes the merge of every agent's, whose data it then cleans up too.</summary>
    private async Task<RunRecord> CombineAsync(string test, RunRecord own, int objectsBefore, int jobsBefore, IReadOnlyDictionary<int, double> skews, Action<string> say)
    {
        var (record, others) = await Agents!.CombineAsync(test, own, [.. _objects.Skip(objectsBefore)], [.. _jobs.Skip(jobsBefore)], skews, interruption.Token);
        foreach (var key in others.SelectMany(o => o.ObjectKeys)) _objects.Enqueue(key);
        foreach (var id in others.SelectMany(o => o.JobIds)) _jobs.Enqueue(id);
        if (Agents.Settings.Leads)
            say($"[{test}] merged {record.Load.Agents.Count} agents: " + string.Join("; ", record.Load.Agents.Select(a => a.Missing is { } why
                ? $"agent {a.Index} MISSING ({why})" : $"agent {a.Index} {a.Requests} requests, {a.Generator?.State() ?? "generator not watched"}")));
        return record;
    }

    /// <summary>./acceptance merge: no load, no probes; the record merged from the agents' results in the store.</summary>
    private async Task<RunRecord> MergedFromStoreAsync(string test)
    {
        Preparation ??= "none: a merge of stored results";
        var record = await Agents!.MergeStoredAsync(test, interruption.Token);
        progress($"[{test}] merged from the store: {string.Join("; ", record.Load.Agents.Select(a => a.Missing is { } why ? $"agent {a.Index} MISSING ({why})" : $"agent {a.Index} {a.Requests} requests"))}");
        _completed.Enqueue(record);
        try { await afterEachTest(); }
        catch (Exception e) { progress($"[{test}] the reports' checkpoint failed: {e.Message}"); }
        return record;
    }

    private (LoadModel Model, Journey Journey, TestSize Applied, TestSize Release, TestSize Guide) Plan(string test, TargetEndpoints endpoints, JobLedger ledger)
    {
        var plan = GuidePlans.GuideTestPlans.For(test);
        var size = plan.SizeIn(Profile);
        var journeys = new MangaMotionJourneys(_http, endpoints.BaseUrl,
            new JourneyOptions(TestDataCleanup.UserPrefix(runId) + (Agents is null ? "" : $"-a{Agents.Settings.Index}"), size.FileSizeKb, TimeSpan.FromSeconds(1), Profile.MaxPollAttempts, Profile.PollInterval, target.Settings.JobStates), _objects);
        var pollBudget = Profile.PollInterval * Profile.MaxPollAttempts + TimeSpan.FromSeconds(10);
        var (model, journey) = plan.Load(size, new GuidePlans.PlanInputs(journeys, ledger, pollBudget));
        return (model, journey, size, plan.SizeIn(ReleaseProfile), plan.SizeIn(GuideRelease));
    }

    private IReadOnlyList<IJobWitness> Witnesses(ProbeSet probes, TargetEndpoints endpoints)
    {
        var list = new List<IJobWitness>();
        if (!Skip.Contains("redis")) list.Add(new BullMqWitness(probes.Redis.ConnectionAsync, new QueueReader(endpoints.Redis)));
        if (!Skip.Contains("postgres")) list.Add(new DatabaseRowWitness(endpoints.Postgres, target.Settings.JobStates));
        return list;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        Agents?.Dispose();
        _oneAtATime.Dispose();
        return ValueTask.CompletedTask;
    }
}
