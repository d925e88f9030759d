using MangaMotion.Acceptance.Agents;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;

// An agent other than agent 0: follows agent 0's guide tests through the results store, applies its
// share of each and leaves its partial result there. Exit codes: 0 done, 2 settings refused, 3 the
// run was cut short (agent 0 or another agent missing, a signal, the deadline).
static void Say(string line) => Console.WriteLine(Redaction.Mask(line));

SuiteSettings settings;
try { settings = SettingsReader.FromEnvironment(); }
catch (InvalidSettingsException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 2;
}
var agents = settings.Agents;
if (!agents.Distributed || agents.Leads || agents.MergeOnly)
{
    Console.Error.WriteLine($"AGENT_INDEX is {agents.Index} of AGENTS={agents.Count}: this program is agents 1 to AGENTS-1 of a distributed run; agent 0 runs the features (./acceptance run)");
    return 2;
}
var folder = Environment.GetEnvironmentVariable("REPORTS_DIR") is { Length: > 0 } dir ? dir : Path.Combine("reports", $"{agents.RunId}-agent-{agents.Index}");
Directory.CreateDirectory(folder);
using var interruption = new RunInterruption();
interruption.StartDeadline(TargetSafety.RunDeadline(settings), "RUN_DEADLINE or the profile's default");
await using var target = SuiteTarget.Resolve(settings with { FlushRedis = false });
await using var tests = RunComposition.GuideTests(target, agents.RunId!, folder, Say, interruption, () => Task.CompletedTask);
interruption.OnSignals(() => Task.CompletedTask, TimeSpan.FromSeconds(5));
var follower = tests.Mode.Agents!;
Say($"agent {agents.Index} of {agents.Count}: following run {agents.RunId} ({follower.Describe()})");
try
{
    for (var seq = 0; ; seq++)
    {
        var test = await follower.NextTestAsync(seq, interruption.Token);
        if (test is null) break;
        await tests.RunAsync(test);
    }
    Say($"agent {agents.Index}: agent 0 finished the run; every share applied and left in the store");
    return interruption.IsInterrupted ? 3 : 0;
}
catch (Exception e) when (e is AgentsMissingException or RunInterruptedException or OperationCanceledException)
{
    Say($"agent {agents.Index}: the run was cut short: {interruption.Reason ?? e.Message}");
    return 3;
}
