using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>./acceptance merge: no load and no probes; every test's record merged from the agents' results in the store, then judged as usual.</summary>
public sealed class MergeOnlyMode(AgentTestRun agents) : AgentMode(agents)
{
    public override string Name => "merge only";

    public override bool AppliesLoad => false;

    public override bool Observes => false;

    public override Task<string> PrepareAsync(Func<Task<string>> prepare) => Task.FromResult("none: a merge of stored results");

    public override async Task<GuideTestRecord> MergedAsync(string test, Action<string> say, CancellationToken cancel)
    {
        var record = await Agents.MergeStoredAsync(test, cancel);
        say($"[{test}] merged from the store: {string.Join("; ", record.Load.Agents.Select(a => a.Missing is { } why ? $"agent {a.Index} MISSING ({why})" : $"agent {a.Index} {a.Requests} requests"))}");
        return record;
    }

    public override async Task<Checklist> ChecklistAsync(Func<Task<Checklist>> check) =>
        await Agents.LoadAsync<Checklist>(LeadAgentMode.ChecklistKey) ?? new Checklist(
            [new ReadinessLine("agents", ReadinessState.NotChecked, $"agent 0 of run {Agents.Settings.RunId} left no checklist in the store: the deployment was not checked", "RUN_ID")], []);

    public override Task<string> DescribeTargetAsync(Func<Task<string>> endpoints) =>
        Task.FromResult($"merged from the agents' results of run {Agents.Settings.RunId}: {Agents.Describe()}");

    public override Task<IReadOnlyList<string>> CleanUpAsync(Func<Task<IReadOnlyList<string>>> clean) =>
        Task.FromResult<IReadOnlyList<string>>(["nothing removed by the merge: agent 0 removed the run's data when its run ended"]);
}
