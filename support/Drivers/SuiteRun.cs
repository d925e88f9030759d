using MangaMotion.Acceptance.Drivers.Modes;
using MangaMotion.Acceptance.History;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Verdicts.Regression;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Reports.Figures;
using Charts = MangaMotion.Acceptance.Reports.Charts;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// One run of the suite: its id, folder, target, the guide tests it ran and everything judged.
/// At the end it writes results.json (also for a failed or interrupted run) and removes the run's data.
/// </summary>
public sealed class SuiteRun : IAsyncDisposable
{
    private readonly Action<string> _progress;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Lazy<Task> _finish;
    private volatile bool _finishing;
    private IReadOnlyList<string> _cleanup = [];

    public SuiteRun(SuiteTarget target, string folder, Action<string> progress)
    {
        (Target, Folder, _progress) = (target, folder, progress);
        _finish = new Lazy<Task>(FinishOnceAsync);
        History = new HistoryStore(target.Settings.History, target.Settings.S3, ReportsRoot);
        _past = new Lazy<Task<PastRuns>>(ReadHistoryAsync);
        Interruption.StartDeadline(TargetSafety.RunDeadline(target.Settings),
            target.Settings.RunDeadline is { } d ? $"RUN_DEADLINE={DurationText.Format(d)}" : $"{DurationText.Format(TargetSafety.RunDeadline(target.Settings))}, the {target.Settings.Profile} profile's default; RUN_DEADLINE sets it");
    }

    /// <summary>Written after each test while the run goes on; the final reports replace it.</summary>
    public const string InProgress = "the run had not finished when this was written: still running, or stopped without warning (SIGKILL, a dotnet test timeout)";

    public RunInterruption Interruption { get; } = new();
    public string Id => Target.Settings.Agents.RunId ?? _ownId;
    private readonly string _ownId = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss") + "-" + Guid.NewGuid().ToString("N")[..6];
    public string Folder { get; }
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public SuiteTarget Target { get; }
    /// <summary>What the run's scenarios stated; every verdict is judged from these and the records, at every checkpoint.</summary>
    public RunStatements Statements { get; } = new();
    /// <summary>The pre-test checklist and the configuration facts (empty until checked).</summary>
    public IReadOnlyList<ReadinessLine> Readiness { get; private set; } = [];
    public IReadOnlyList<ConfigurationFact> Configuration { get; private set; } = [];
    public GuideTests Tests => _tests ??= RunComposition.GuideTests(Target, Id, Folder, _progress, Interruption, CheckpointAsync);
    private GuideTests? _tests;

    /// <summary>The pre-test checklist and the configuration facts, once per run.</summary>
    public async Task<IReadOnlyList<ReadinessLine>> CheckReadinessAsync()
    {
        var checklist = await Tests.Mode.ChecklistAsync(async () =>
        {
            var endpoints = await Target.EndpointsAsync();
            await using var probes = new ProbeSet(endpoints, Id, new Dictionary<string, int>(), Target.Settings.SkipProbes);
            return new Checklist(await ReadinessCheck.RunAsync(probes.All, Target.Settings.SkipProbes.ToHashSet(), probes.Secrets, TimeSpan.FromSeconds(5)),
                await ConfigurationFacts.ReadAsync(probes.Postgres, probes.Redis, CancellationToken.None));
        });
        (Readiness, Configuration) = (checklist.Lines, checklist.Configuration);
        return Readiness;
    }

    /// <summary>
    /// States what a scenario says about <paramref name="record"/>'s test (judged at every checkpoint from
    /// now on, and written into a checkpoint at once) and gives the judge's answer about its own rows.
    /// A row the judge cannot read is refused here, before it is stated.
    /// </summary>
    public async Task<IReadOnlyList<CriterionResult>> StateAsync(Statement statement, GuideTestRecord record)
    {
        var answer = Judge.Of(statement, record, statement is RegressionStatement ? await _past.Value : PastHistory, Statements.All);
        Statements.State(statement);
        await CheckpointAsync();
        return answer;
    }

    /// <summary>The run judged now, from its records and every statement so far.</summary>
    public Judgement Judged() => Judge.Run(Tests.Profile.Name, Interruption.IsInterrupted, Statements.All, Tests.Completed.ToList(), PastHistory);

    /// <summary>Where the run history is kept; the run reads it once and records itself in it when it ends.</summary>
    public HistoryStore History { get; }
    private readonly Lazy<Task<PastRuns>> _past;

    /// <summary>The history once read (null before: a checkpoint never waits for the store).</summary>
    private PastRuns? PastHistory => _past is { IsValueCreated: true, Value.IsCompletedSuccessfully: true } ? _past.Value.Result : null;

    /// <summary>The earlier runs of this target and profile, read once, when a scenario first compares with them or the run ends.</summary>
    private async Task<PastRuns> ReadHistoryAsync()
    {
        var baseline = Target.Settings.BaselineRun.Trim();
        if (baseline.Equals("none", StringComparison.OrdinalIgnoreCase)) return PastRuns.None("BASELINE_RUN is none: nothing is compared");
        var past = await History.ReadAsync(Tests.Profile.Name, HistoryRecords.TargetOf(Target.Settings), RunFolderName);
        if (past.Unavailable is { } why) _progress($"the run history could not be read from {past.Store}: {why}");
        foreach (var skipped in past.Skipped) _progress($"history: skipped {skipped}");
        return baseline.Equals("previous", StringComparison.OrdinalIgnoreCase) ? past : past with { Named = baseline };
    }

    private string RunFolderName => Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder));

    /// <summary>The folder the run's folder is in: the history's local index, outbox and history.html live there.</summary>
    private string ReportsRoot => Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Folder))!;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<string>>> _charts = new();

    /// <summary>
    /// A finished guide test's charts (the sign-off's), as PNG files in the run folder for the living doc,
    /// drawn once from the results.json its last checkpoint wrote (after its criteria were stated, so a
    /// ramp's chart marks its breaking point); none when they cannot be drawn (said once).
    /// </summary>
    public IReadOnlyList<string> ChartsOf(string test) => _charts.GetOrAdd(test, t => new Lazy<IReadOnlyList<string>>(() =>
    {
        try { return Charts.TestCharts.WriteFiles(Folder, t); }
        catch (Exception e)
        {
            _progress($"[{t}] charts for the living doc could not be drawn ({e.GetType().Name}: {e.Message}); the sign-off has them");
            return [];
        }
    })).Value;

    /// <summary>results.json and the sign-off pages, marked incomplete while the run goes on; ignored once the run has finished.</summary>
    private async Task CheckpointAsync()
    {
        if (_finishing) return;
        await WriteReportsAsync(interrupted: true, InProgress, final: false);
    }

    /// <summary>
    /// The end of the run, once however many callers (the last hook, a signal): the reports, marked
    /// incomplete if the run was interrupted, then cleanup of the run's data, then the target stopped.
    /// </summary>
    public Task FinishAsync() => _finish.Value;

    private async Task FinishOnceAsync()
    {
        // Set before anything else: a checkpoint still queued must not overwrite the final reports.
        _finishing = true;
        await Tests.SettledAsync(TimeSpan.FromSeconds(15));
        await Tests.Mode.FinishAsync();
        if (Tests.Completed.Any() || Statements.All.Count > 0 || !Target.Settings.UsesEmbeddedStack || Readiness.Count > 0 || Interruption.IsInterrupted || Target.FailedToStart)
        {
            // Cleanup first, bounded, so the final reports say what it removed and what it could not.
            try { _cleanup = await CleanUpAsync().WaitAsync(TimeSpan.FromSeconds(60)); }
            catch (Exception e) { _cleanup = [$"cleanup failed: {e.GetType().Name}: {e.Message}"]; }
            foreach (var line in _cleanup) _progress($"cleanup: {line}");
            await WriteReportsAsync(Interruption.IsInterrupted, Interruption.Reason, final: true);
        }
        await Tests.DisposeAsync();
        await Target.DisposeAsync();
        History.Dispose();
        Interruption.Dispose();
    }

    /// <summary>Written whatever happened: a target that never came up is named as such, and the run marked incomplete.</summary>
    private async Task WriteReportsAsync(bool interrupted, string? why, bool final)
    {
        await _writing.WaitAsync();
        try
        {
            if (!final && _finishing) return;
            string target;
            try
            {
                target = await Tests.Mode.DescribeTargetAsync(async () => (await Target.EndpointsAsync().WaitAsync(TimeSpan.FromSeconds(20))).Describe());
            }
            catch (Exception e)
            {
                target = $"unavailable: {e.Message}";
                (interrupted, why) = (true, why ?? $"the target could not be reached: {e.Message}");
            }
            var json = ResultsDocument.Render(new ResultsDocument.Input(Tests.Profile.Name, Tests.Profile.CanSignOff, target, StartedAt, DateTimeOffset.UtcNow,
                interrupted, why, Statements.All, Tests.Completed.ToList(), Target.Settings.Values, SuiteVersion.Current)
                { Cleanup = _cleanup, Preparation = Tests.Preparation, Readiness = Readiness, Configuration = Configuration, History = final ? await _past.Value : PastHistory });
            var path = Path.Combine(Folder, "results.json");
            await File.WriteAllTextAsync(path + ".tmp", json);
            File.Move(path + ".tmp", path, overwrite: true);
            if (final) _progress($"results: {path}");
            // Recorded once, by the run, when it ends: a renderer never writes the history.
            if (final) await RecordAsync(path);
            foreach (var page in SignoffWriter.TryWrite(Folder, SignoffOptions.From(Target.Settings), _progress, appendToJobSummary: final))
                if (final) _progress($"sign-off: {page}");
            if (final) await Tests.Mode.KeepReportsAsync(Folder);
        }
        finally { _writing.Release(); }
    }

    /// <summary>The run in its history (the local index and the store), once, when it ends; history.html beside the runs shows it.</summary>
    private async Task RecordAsync(string results)
    {
        var report = Results.RunFile.RunResultsJson.Read(results);
        if (!RunHistory.Counts(report)) return;
        try { new RunHistory(ReportsRoot).Record(RunHistory.EntryFor(RunFolderName, report)); }
        catch (Exception e) { _progress($"the run could not be recorded in reports/history.jsonl ({e.GetType().Name}: {e.Message}); results.json has every figure"); }
        if (Target.Settings.Agents.Index > 0) return;
        var record = HistoryRecords.From(RunFolderName, Id, report, HistoryRecords.TargetOf(Target.Settings), Target.Settings.History.TargetVersion ?? await HealthVersionAsync());
        if (await History.RecordAsync(record) is { } kept) _progress(kept);
        else _progress($"history: recorded in {History.Describe()}");
        try { _progress($"history: {Reports.Pages.HistoryPage.Write(ReportsRoot, await _past.Value, record, report)}"); }
        catch (Exception e) { _progress($"history.html could not be written ({e.GetType().Name}: {e.Message})"); }
    }

    /// <summary>The version the deployment's health answer names (TARGET_VERSION unset); null for the embedded stack, which has none.</summary>
    private async Task<string?> HealthVersionAsync()
    {
        try { return await Target.EndpointsAsync() is { Embedded: false } endpoints ? await Probes.TargetVersion.ReadAsync(endpoints.BaseUrl, TimeSpan.FromSeconds(3)) : null; }
        catch (Exception) { return null; }
    }

    /// <summary>Removes the run's own rows, queued jobs and objects from a deployment (the embedded stack is thrown away whole), saying per component what it did.</summary>
    public async Task<IReadOnlyList<string>> CleanUpAsync()
    {
        return await Tests.Mode.CleanUpAsync(async () =>
        {
            TargetEndpoints endpoints;
            try { endpoints = await Target.EndpointsAsync(); }
            catch (Exception) { return ["nothing to clean: the target never came up"]; }
            if (endpoints.Embedded) return ["embedded reference stack: every component and all its data removed with the stack"];
            return await new TestDataCleanup(endpoints.Postgres, endpoints.Redis, endpoints.S3).RemoveRunDataAsync(Id, Tests.ObjectKeys, Tests.JobIds, CancellationToken.None);
        });
    }

    public async ValueTask DisposeAsync() => await FinishAsync();
}

