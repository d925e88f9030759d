using MangaMotion.Acceptance.Agents;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// A guide test as one of several agents runs it: meet the others at the start barrier and start at
/// the agreed instant, apply this agent's share, leave the partial result in the store; agent 0 then
/// collects the others' and merges them into the test's one record. A missing agent interrupts the
/// run, named, so its verdict is INCOMPLETE; nothing waits past AGENT_DEADLINE.
/// </summary>
public sealed class AgentTestRun(AgentRun agents, RunInterruption interruption, Action<string> say) : IDisposable
{
    private int _sequence = -1;
    private bool _announced;

    public AgentSettings Settings => agents.Settings;
    public ExecutionSegment Segment => new(Settings.Index, Settings.Count);

    /// <summary>Waits at the barrier, then until the agreed instant; returns each agent's clock offset against the store.</summary>
    public async Task<IReadOnlyDictionary<int, double>> StartTogetherAsync(string test, CancellationToken cancel)
    {
        var seq = Interlocked.Increment(ref _sequence);
        if (Settings.Leads && !_announced) { await agents.AnnounceAsync(finished: false, cancel); _announced = true; }
        StartPoint start;
        try { start = await agents.MeetAsync(seq, test, cancel); }
        catch (AgentsMissingException e)
        {
            interruption.Interrupt(e.Message);
            throw new RunInterruptedException(e.Message);
        }
        var wait = start.StartAt - DateTimeOffset.UtcNow;
        say($"[{test}] {Segment} of the run {Settings.RunId}: all {Settings.Count} agents at the start barrier; starting in {Math.Max(0, wait.TotalSeconds):0.0} s " +
            $"(clock offsets against the store: {string.Join(", ", start.SkewMs.OrderBy(s => s.Key).Select(s => $"agent {s.Key} {s.Value:0} ms"))})");
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
        return start.SkewMs;
    }

    /// <summary>Leaves this agent's result; agent 0 returns the merge of every agent's, the others their own.</summary>
    public async Task<(GuideTestRecord Record, IReadOnlyList<PartialResult> Others)> CombineAsync(string test, GuideTestRecord own, IReadOnlyList<string> objects, IReadOnlyList<string> jobs,
        IReadOnlyDictionary<int, double> skews, CancellationToken cancel)
    {
        var mine = new PartialResult(Settings.Index, Settings.Count, test, own, objects, jobs);
        // Published even when the run was interrupted: what this agent measured belongs in the reports.
        await agents.PublishAsync(mine, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        if (!Settings.Leads) return (own, []);
        var (found, missing) = await agents.CollectAsync(test, Enumerable.Range(1, Settings.Count - 1).ToList(), cancel);
        if (missing.Count > 0) interruption.Interrupt($"{AgentsMissingException.Names([.. missing.Keys])} {missing.First().Value}");
        return (RecordMerge.Merge([mine, .. found], missing, skews), found);
    }

    /// <summary>./acceptance merge: the test's record from the store alone, every agent's result waited for until the deadline.</summary>
    public async Task<GuideTestRecord> MergeStoredAsync(string test, CancellationToken cancel)
    {
        var manifest = await agents.ManifestAsync(cancel) ?? throw new InvalidOperationException($"no run {Settings.RunId} under RESULTS_URI={Settings.ResultsUri}: its run.json is not there");
        var (found, missing) = await agents.CollectAsync(test, Enumerable.Range(0, manifest.Agents).ToList(), cancel);
        if (missing.Count > 0) interruption.Interrupt($"{AgentsMissingException.Names([.. missing.Keys])} {missing.First().Value}");
        return RecordMerge.Merge(found, missing, await agents.SkewsAsync(test, cancel));
    }

    public string Describe() => agents.Describe();

    /// <summary>A follower's next test: the one agent 0 announced as number <paramref name="seq"/>, or null when it finished the run.</summary>
    public Task<string?> NextTestAsync(int seq, CancellationToken cancel) => agents.NextTestAsync(seq, cancel);

    public Task SaveAsync<T>(string name, T value) => agents.SaveAsync(name, value, CancellationToken.None);

    public Task<T?> LoadAsync<T>(string name) => agents.LoadAsync<T>(name, CancellationToken.None);

    /// <summary>Agent 0's final results.json and sign-off pages, copied to the store (RUN_ID/reports/) so the verdict outlives the pod.</summary>
    public async Task PublishReportsAsync(string folder)
    {
        if (!Settings.Leads || Settings.MergeOnly) return;
        foreach (var name in new[] { "results.json", "signoff.md", "signoff.html" }.Where(n => File.Exists(Path.Combine(folder, n))))
        {
            try { await agents.SaveFileAsync(name, await File.ReadAllBytesAsync(Path.Combine(folder, name)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)); }
            catch (Exception e) { say($"{name} could not be copied to the results store ({e.GetType().Name}: {e.Message}); it is in {folder}"); return; }
        }
        say($"reports copied to the results store: {agents.Describe()} under {Settings.RunId}/reports/");
    }

    /// <summary>Agent 0 tells the others the run is over, so they stop waiting for a next test.</summary>
    public async Task FinishAsync()
    {
        if (!Settings.Leads || Settings.MergeOnly) return;
        try { await agents.AnnounceAsync(finished: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (Exception e) { say($"the agents could not be told the run finished ({e.GetType().Name}: {e.Message}); they stop at AGENT_DEADLINE"); }
    }

    public void Dispose() => agents.Dispose();
}
