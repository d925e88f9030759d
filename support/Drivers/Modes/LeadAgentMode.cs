using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>Agent 0: prepares and observes the deployment, applies its share, merges every agent's result, judges and reports.</summary>
public sealed class LeadAgentMode(AgentTestRun agents) : AgentMode(agents)
{
    public override string Name => "lead agent";

    public override async Task<Combined> CombineAsync(string test, GuideTestRecord own, IReadOnlyList<string> objects, IReadOnlyList<string> jobs,
        IReadOnlyDictionary<int, double>? skews, Action<string> say, CancellationToken cancel)
    {
        var (record, others) = await Agents.CombineAsync(test, own, objects, jobs, skews ?? new Dictionary<int, double>(), cancel);
        say($"[{test}] merged {record.Load.Agents.Count} agents: " + string.Join("; ", record.Load.Agents.Select(a => a.Missing is { } why
            ? $"agent {a.Index} MISSING ({why})" : $"agent {a.Index} {a.Requests} requests, {a.Generator?.State() ?? "generator not watched"}")));
        return new Combined(record, [.. others.SelectMany(o => o.ObjectKeys)], [.. others.SelectMany(o => o.JobIds)]);
    }

    public override async Task<Checklist> ChecklistAsync(Func<Task<Checklist>> check)
    {
        var checklist = await check();
        await Agents.SaveAsync(ChecklistKey, checklist);
        return checklist;
    }

    public override async Task<string> DescribeTargetAsync(Func<Task<string>> endpoints) => $"{await endpoints()}; {Agents.Settings.Count} load agents";

    public override Task FinishAsync() => Agents.FinishAsync();

    public override Task KeepReportsAsync(string reportsFolder) => Agents.PublishReportsAsync(reportsFolder);

    /// <summary>Where agent 0 leaves its checklist for a merge made elsewhere.</summary>
    public const string ChecklistKey = "readiness.json";
}
