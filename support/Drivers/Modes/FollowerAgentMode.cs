using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>Agents 1..N-1: apply their share of each test agent 0 announces and leave their result in the store; they look at nothing else.</summary>
public sealed class FollowerAgentMode(AgentTestRun agents) : AgentMode(agents)
{
    public override string Name => "follower agent";

    public override bool Observes => false;

    public override Task<string> PrepareAsync(Func<Task<string>> prepare) => Task.FromResult($"none by {Segment}: agent 0 prepares the deployment");

    public override async Task<Combined> CombineAsync(string test, GuideTestRecord own, IReadOnlyList<string> objects, IReadOnlyList<string> jobs,
        IReadOnlyDictionary<int, double>? skews, Action<string> say, CancellationToken cancel)
    {
        var (record, _) = await Agents.CombineAsync(test, own, objects, jobs, skews ?? new Dictionary<int, double>(), cancel);
        return new Combined(record, [], []);
    }
}
