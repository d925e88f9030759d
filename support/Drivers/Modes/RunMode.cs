using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>
/// How this process takes part in a run, chosen once from the settings (<see cref="For"/>): alone, as the
/// lead agent or a follower of a distributed run, or merging stored results. Everything that differs
/// between them is here, so the run pipeline and the run itself ask the mode instead of testing flags.
/// </summary>
public abstract class RunMode : IDisposable
{
    /// <summary>"single process", "lead agent", "follower agent", "merge only".</summary>
    public abstract string Name { get; }

    /// <summary>Whether this process applies load (a merge only reads the agents' stored results).</summary>
    public virtual bool AppliesLoad => true;

    /// <summary>This process's share of each test's load.</summary>
    public virtual ExecutionSegment Segment => ExecutionSegment.Whole;

    /// <summary>The agents of a distributed run, or null.</summary>
    public virtual AgentTestRun? Agents => null;

    /// <summary>Whether this process looks at the deployment: probes, job witnesses, the queue's backlog.</summary>
    public virtual bool Observes => true;

    /// <summary>The probes this process skips: the settings' own, or all of them where it does not observe.</summary>
    public IReadOnlySet<string> SkipProbes(IReadOnlySet<string> configured) => Observes ? configured : ProbeNames.All.ToHashSet();

    /// <summary>Appended to the run's user prefix, so each agent's test data is its own.</summary>
    public virtual string UserSuffix => "";

    /// <summary>What was done to the deployment before the first test: the preparation itself, or why none.</summary>
    public virtual Task<string> PrepareAsync(Func<Task<string>> prepare) => prepare();

    /// <summary>Waits for the other agents at the start barrier; their clock offsets, or null alone.</summary>
    public virtual Task<IReadOnlyDictionary<int, double>?> StartTogetherAsync(string test, CancellationToken cancel) =>
        Task.FromResult<IReadOnlyDictionary<int, double>?>(null);

    /// <summary>The test's record as the run keeps it: this process's own alone; a lead agent's, the merge of every agent's.</summary>
    public virtual Task<Combined> CombineAsync(string test, GuideTestRecord own, IReadOnlyList<string> objects, IReadOnlyList<string> jobs,
        IReadOnlyDictionary<int, double>? skews, Action<string> say, CancellationToken cancel) => Task.FromResult(new Combined(own, [], []));

    /// <summary>A merge's record of the test from the store (only a mode that applies no load has one).</summary>
    public virtual Task<GuideTestRecord> MergedAsync(string test, Action<string> say, CancellationToken cancel) =>
        throw new InvalidOperationException($"a {Name} run applies its load; it merges nothing from a store");

    /// <summary>The pre-test checklist: checked here (<paramref name="check"/>), or what agent 0 left in the store.</summary>
    public virtual Task<Checklist> ChecklistAsync(Func<Task<Checklist>> check) => check();

    /// <summary>How the target is named in results.json.</summary>
    public virtual Task<string> DescribeTargetAsync(Func<Task<string>> endpoints) => endpoints();

    /// <summary>Removes the run's own data (<paramref name="clean"/>), or says why this process does not.</summary>
    public virtual Task<IReadOnlyList<string>> CleanUpAsync(Func<Task<IReadOnlyList<string>>> clean) => clean();

    /// <summary>When the run's last test has ended: whoever follows this process is told the run is over.</summary>
    public virtual Task FinishAsync() => Task.CompletedTask;

    /// <summary>The final reports, kept where they outlive this process.</summary>
    public virtual Task KeepReportsAsync(string reportsFolder) => Task.CompletedTask;

    public virtual void Dispose() { }

    /// <summary>The mode the settings ask for: each registered by what it is, not chosen by a switch over strings.</summary>
    public static RunMode For(SuiteSettings settings, RunInterruption interruption, Action<string> say)
    {
        var agents = settings.Agents;
        if (!agents.Distributed) return new SingleProcessMode();
        var run = new AgentTestRun(Acceptance.Agents.AgentRun.Open(settings), interruption, say);
        return agents.MergeOnly ? new MergeOnlyMode(run) : agents.Leads ? new LeadAgentMode(run) : new FollowerAgentMode(run);
    }
}

/// <summary>A test's record as the run keeps it, and the other agents' test data it now owns for cleanup.</summary>
public sealed record Combined(GuideTestRecord Record, IReadOnlyList<string> OthersObjects, IReadOnlyList<string> OthersJobs);

/// <summary>Agent 0's checklist and configuration facts, as it leaves them in the results store for a merge made elsewhere.</summary>
public sealed record Checklist(IReadOnlyList<ReadinessLine> Lines, IReadOnlyList<ConfigurationFact> Configuration);
