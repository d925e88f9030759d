using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>What every agent of a distributed run shares: its share of the load, its own users, the start barrier.</summary>
public abstract class AgentMode(AgentTestRun agents) : RunMode
{
    public override AgentTestRun Agents => agents;

    public override ExecutionSegment Segment => agents.Segment;

    public override string UserSuffix => $"-a{agents.Settings.Index}";

    public override async Task<IReadOnlyDictionary<int, double>?> StartTogetherAsync(string test, CancellationToken cancel) =>
        await agents.StartTogetherAsync(test, cancel);

    public override void Dispose() => agents.Dispose();
}
