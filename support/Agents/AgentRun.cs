using MangaMotion.Acceptance.Stores;
using System.Text.Json;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Agents;

/// <summary>When the agents start a test together, and how far each one's clock was from the store's when it arrived.</summary>
public sealed record StartPoint(DateTimeOffset StartAt, IReadOnlyDictionary<int, double> SkewMs);

/// <summary>
/// This agent's part in a run of several, through the results store alone (no agent talks to another):
/// under RUN_ID/ agent 0 leaves run.json and, for each test it runs, the first marker of that test's
/// start barrier (barrier/NN-test/agent-0.json), which tells the others what comes next; every agent
/// adds its marker, and when all N are there each starts at the same instant (the latest marker's clock
/// plus a lead). After the test each leaves agent-i/test.json; agent 0 collects them. Whatever does not
/// come within AGENT_DEADLINE is named as missing.
/// </summary>
public sealed class AgentRun(ObjectStore store, AgentSettings settings) : IDisposable
{
    /// <summary>Time between the last arrival and the start, so that every agent sees the barrier complete before its start instant.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public AgentSettings Settings => settings;
    public string Describe() => $"{settings.Describe()} ({store.Describe()})";
    private string Root => settings.RunId!;
    private static string Barrier(int seq, string test) => $"barrier/{seq:00}-{test}";

    public static AgentRun Open(SuiteSettings s) => new(ObjectStore.Open(s.Agents.ResultsUri!, s.S3), s.Agents);

    public Task AnnounceAsync(bool finished, CancellationToken cancel) =>
        PutJsonAsync("run.json", new RunManifest(Root, settings.Count, DateTimeOffset.UtcNow, finished), cancel);

    public async Task<RunManifest?> ManifestAsync(CancellationToken cancel) =>
        await store.GetAsync($"{Root}/run.json", cancel) is { } bytes ? JsonSerializer.Deserialize<RunManifest>(bytes, PartialResult.Json) : null;

    /// <summary>A follower's wait for the test agent 0 runs as number <paramref name="seq"/>; null when agent 0 finished the run.</summary>
    /// <exception cref="AgentsMissingException">agent 0 announced nothing within the deadline</exception>
    public async Task<string?> NextTestAsync(int seq, CancellationToken cancel)
    {
        // Twice the deadline: between two tests agent 0 may itself wait a whole deadline for a missing agent.
        var until = DateTimeOffset.UtcNow + 2 * settings.Deadline;
        while (DateTimeOffset.UtcNow < until)
        {
            var marker = (await store.ListAsync($"{Root}/barrier/{seq:00}-", cancel)).FirstOrDefault(o => o.Key.EndsWith("/agent-0.json", StringComparison.Ordinal));
            if (marker is not null) return marker.Key.Split('/')[^2][3..];
            if (await ManifestAsync(cancel) is { Finished: true }) return null;
            await Task.Delay(Poll, cancel);
        }
        throw new AgentsMissingException([0], $"announced no test number {seq} and did not finish the run within twice AGENT_DEADLINE={DurationText.Format(settings.Deadline)}");
    }

    /// <summary>Arrives at the test's start barrier and waits for every agent (bounded by the deadline).</summary>
    /// <exception cref="AgentsMissingException">naming the agents that did not arrive</exception>
    public async Task<StartPoint> MeetAsync(int seq, string test, CancellationToken cancel)
    {
        var prefix = $"{Barrier(seq, test)}/";
        await PutJsonAsync($"{prefix}agent-{settings.Index}.json", new BarrierMarker(settings.Index, test, DateTimeOffset.UtcNow), cancel);
        var until = DateTimeOffset.UtcNow + settings.Deadline;
        while (true)
        {
            var arrived = await MarkersAsync(prefix, cancel);
            if (arrived.Count >= settings.Count)
                return new StartPoint(arrived.Max(m => m.Marker.Clock) + Lead, arrived.ToDictionary(m => m.Marker.Agent, m => Math.Round((m.Marker.Clock - m.Written).TotalMilliseconds, 1)));
            if (DateTimeOffset.UtcNow >= until)
                throw new AgentsMissingException(Enumerable.Range(0, settings.Count).Except(arrived.Select(m => m.Marker.Agent)).ToList(),
                    $"did not reach the start barrier of the {test} test within AGENT_DEADLINE={DurationText.Format(settings.Deadline)}");
            await Task.Delay(Poll, cancel);
        }
    }

    /// <summary>Each agent's clock against the store's when it arrived at the test's barrier (ms; the store's resolution bounds it, 1 s for S3).</summary>
    public async Task<IReadOnlyDictionary<int, double>> SkewsAsync(string test, CancellationToken cancel)
    {
        var barrier = (await store.ListAsync($"{Root}/barrier/", cancel)).Select(o => o.Key.Split('/')[^2]).FirstOrDefault(b => b[3..] == test);
        return barrier is null ? new Dictionary<int, double>()
            : (await MarkersAsync($"barrier/{barrier}/", cancel)).ToDictionary(m => m.Marker.Agent, m => Math.Round((m.Marker.Clock - m.Written).TotalMilliseconds, 1));
    }

    private async Task<List<(BarrierMarker Marker, DateTimeOffset Written)>> MarkersAsync(string prefix, CancellationToken cancel)
    {
        var found = new List<(BarrierMarker, DateTimeOffset)>();
        foreach (var o in await store.ListAsync($"{Root}/{prefix}", cancel))
            if (await store.GetAsync(o.Key, cancel) is { } bytes && JsonSerializer.Deserialize<BarrierMarker>(bytes, PartialResult.Json) is { } m) found.Add((m, o.Written));
        return found;
    }

    public Task PublishAsync(PartialResult partial, CancellationToken cancel) => store.PutAsync($"{Root}/agent-{partial.Agent}/{partial.Test}.json", partial.ToBytes(), cancel);

    /// <summary>Waits for the partial results of <paramref name="test"/> from <paramref name="agents"/> until each is there or the deadline passes.</summary>
    public async Task<(IReadOnlyList<PartialResult> Found, IReadOnlyDictionary<int, string> Missing)> CollectAsync(string test, IReadOnlyList<int> agents, CancellationToken cancel)
    {
        var found = new Dictionary<int, PartialResult>();
        var until = DateTimeOffset.UtcNow + settings.Deadline;
        // An interrupted run still merges what has come (its reports say what it measured); it only stops waiting.
        while (true)
        {
            foreach (var i in agents.Where(i => !found.ContainsKey(i)))
                if (await store.GetAsync($"{Root}/agent-{i}/{test}.json", CancellationToken.None) is { } bytes) found[i] = PartialResult.Parse(bytes, $"{Root}/agent-{i}/{test}.json");
            if (found.Count == agents.Count || DateTimeOffset.UtcNow >= until || cancel.IsCancellationRequested) break;
            try { await Task.Delay(Poll, cancel); }
            catch (OperationCanceledException) { }
        }
        var when = cancel.IsCancellationRequested ? "before the run was interrupted" : $"within AGENT_DEADLINE={DurationText.Format(settings.Deadline)}";
        var missing = agents.Where(i => !found.ContainsKey(i)).ToDictionary(i => i,
            _ => $"sent no result of the {test} test {when}: its share of the load is not in the figures");
        return ([.. found.Values.OrderBy(p => p.Agent)], missing);
    }

    /// <summary>A file of agent 0's final reports, kept under RUN_ID/reports/ for whoever collects the verdict.</summary>
    public Task SaveFileAsync(string name, byte[] content, CancellationToken cancel) => store.PutAsync($"{Root}/reports/{name}", content, cancel);

    /// <summary>What agent 0 alone knows of the run (its checklist), kept for a merge made elsewhere.</summary>
    public Task SaveAsync<T>(string name, T value, CancellationToken cancel) => PutJsonAsync(name, value, cancel);

    public async Task<T?> LoadAsync<T>(string name, CancellationToken cancel) =>
        await store.GetAsync($"{Root}/{name}", cancel) is { } bytes ? JsonSerializer.Deserialize<T>(bytes, PartialResult.Json) : default;

    private Task PutJsonAsync<T>(string key, T value, CancellationToken cancel) =>
        store.PutAsync($"{Root}/{key}", JsonSerializer.SerializeToUtf8Bytes(value, PartialResult.Json), cancel);

    public void Dispose() => store.Dispose();
}
