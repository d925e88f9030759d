using MangaMotion.Acceptance.Stores;
using System.Text.Json;
using MangaMotion.Acceptance.Agents;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// Three load agents on this machine as an Indexed Job's pods would be: agent 0 runs the specification
/// (the uploads test), agents 1 and 2 the follower, one RUN_ID, their partial results in the embedded
/// stack's S3. Then a run whose agent 2 is killed mid-test.
/// </summary>
public sealed class DistributedRunTests : EmbeddedStackFixture
{
    private static readonly string Follower = Path.Combine(ChildProcess.RepositoryRoot(), "artifacts", "bin", "MangaMotion.Acceptance.AgentCli", "debug", "MangaMotion.Agent.dll");
    private SpecOutcome _run = null!;
    private ChildResult[] _followers = [];
    private IReadOnlyList<PartialResult> _partials = [];
    private SpecOutcome _killedRun = null!;
    private SpecOutcome _merged = null!;
    private IReadOnlyList<string> _reportsInStore = [];
    private ChildResult _survivor = null!;
    private int _killed;

    private Dictionary<string, string?> Settings(string runId, int index, string duration = "6s", string deadline = "45s") => new(Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value))
    {
        ["AGENTS"] = "3", ["AGENT_INDEX"] = index.ToString(), ["RUN_ID"] = runId, ["RESULTS_URI"] = Results,
        ["DURATION"] = duration, ["AGENT_DEADLINE"] = deadline,
    };

    private const string Results = "s3://mm-bucket/agent-results";

    private ObjectStore Store() => ObjectStore.Open(Results,
        new S3Settings(new Uri(Stack.Settings["S3_ENDPOINT"]), Stack.Settings["S3_ACCESS_KEY"], Stack.Settings["S3_SECRET_KEY"], Stack.Settings["S3_BUCKET"]));

    private Task<ChildResult> StartFollower(string runId, int index, string duration = "6s", string deadline = "45s") =>
        ChildProcess.RunAsync("dotnet", [Follower], ChildProcess.RepositoryRoot(), Settings(runId, index, duration, deadline), TimeSpan.FromMinutes(4));

    protected override async Task OnStartedAsync()
    {
        const string runId = "three-agents";
        var followers = new[] { StartFollower(runId, 1), StartFollower(runId, 2) };
        _run = await SpecRun.RunAsync("uploads", Settings(runId, 0), null, TimeSpan.FromMinutes(4));
        _followers = await Task.WhenAll(followers);
        using var store = Store();
        _partials = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => PartialResult.Parse((await store.GetAsync($"{runId}/agent-{i}/uploads.json", CancellationToken.None))!, $"agent {i}")))];
        _reportsInStore = [.. (await store.ListAsync($"{runId}/reports/", CancellationToken.None)).Select(o => o.Key)];
        // ./acceptance merge from a machine that reaches only the store: no BASE_URL, no deployment.
        _merged = await SpecRun.RunAsync("uploads", new Dictionary<string, string?>
        {
            ["MERGE_ONLY"] = "true", ["RUN_ID"] = runId, ["RESULTS_URI"] = Results, ["AGENT_DEADLINE"] = "20s",
            ["S3_ENDPOINT"] = Stack.Settings["S3_ENDPOINT"], ["S3_ACCESS_KEY"] = Stack.Settings["S3_ACCESS_KEY"], ["S3_SECRET_KEY"] = Stack.Settings["S3_SECRET_KEY"],
        }, null, TimeSpan.FromMinutes(3));
        await KilledAgentRunAsync(store);
    }

    /// <summary>The same three agents, agent 2 killed (SIGKILL) a few seconds into the uploads test.</summary>
    private async Task KilledAgentRunAsync(ObjectStore store)
    {
        const string runId = "killed-agent";
        var survivor = StartFollower(runId, 1, "12s", "15s");
        var victim = StartFollower(runId, 2, "12s", "15s");
        var killer = Task.Run(async () =>
        {
            while ((await store.ListAsync($"{runId}/barrier/", CancellationToken.None)).Count(o => o.Key.EndsWith("agent-2.json", StringComparison.Ordinal)) == 0)
                await Task.Delay(200);
            await Task.Delay(TimeSpan.FromSeconds(5));
            _killed = ProcessTree.All().First(p => ProcessTree.HasEnvironment(p, $"RUN_ID={runId}") && ProcessTree.HasEnvironment(p, "AGENT_INDEX=2"));
            System.Diagnostics.Process.GetProcessById(_killed).Kill();
        });
        _killedRun = await SpecRun.RunAsync("uploads", Settings(runId, 0, "12s", "15s"), null, TimeSpan.FromMinutes(4));
        await killer;
        _survivor = await survivor;
        Assert.That((await victim).ExitCode, Is.Not.Zero, "agent 2 was killed");
    }

    [Test]
    public void A_merge_from_the_store_alone_judges_the_same_figures_without_reaching_the_deployment()
    {
        var merged = _merged.Results.GetProperty("tests").EnumerateArray().Single();
        var step = merged.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "upload");
        Assert.That(step.GetProperty("requests").GetInt64(), Is.EqualTo(UploadStep.GetProperty("requests").GetInt64()), _merged.Run.Output);
        Assert.That(step.GetProperty("latencyMs").ToString(), Is.EqualTo(UploadStep.GetProperty("latencyMs").ToString()));
        Assert.That(_merged.Results.GetProperty("target").GetString(), Does.StartWith("merged from the agents' results of run three-agents"));
        Assert.That(_merged.Results.GetProperty("criteria").GetArrayLength(), Is.EqualTo(_run.Results.GetProperty("criteria").GetArrayLength()), "the same criteria judged again");
    }

    [Test]
    public void An_agent_killed_mid_run_makes_the_run_incomplete_naming_it_and_nothing_waits_past_the_deadline()
    {
        Assert.That(_killedRun.Results.GetProperty("verdict").GetString(), Is.EqualTo("INCOMPLETE"), _killedRun.Run.Output);
        var why = _killedRun.Results.GetProperty("incomplete").ToString();
        Assert.That(why, Does.Contain("agent 2 sent no result of the uploads test within AGENT_DEADLINE=15s"));
        var agents = _killedRun.Results.GetProperty("tests")[0].GetProperty("agents").EnumerateArray().ToList();
        Assert.That(agents.Single(a => a.GetProperty("index").GetInt32() == 2).GetProperty("missing").GetString(), Does.Contain("its share of the load is not in the figures"));
        Assert.That(_survivor.ExitCode, Is.Zero, "agent 1 saw agent 0 finish the run and stopped:\n" + _survivor.Output);
        Assert.That(ProcessTree.IsAlive(_killed), Is.False, "no agent left running");
    }

    private JsonElement Uploads => _run.Results.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "uploads");

    private JsonElement UploadStep => Uploads.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "upload");

    [Test]
    public void Three_agents_apply_exact_shares_and_their_counts_add_up_in_the_merge()
    {
        Assert.That(_followers.Select(f => f.ExitCode), Is.All.EqualTo(0), string.Join("\n---\n", _followers.Select(f => f.Output)));
        Assert.That(_partials.Select(p => p.Record.Load.Series[0].TargetUsers), Is.EqualTo(new[] { 1, 2, 2 }), "the smoke profile's 5 users on 3 agents");
        var requests = _partials.Sum(p => p.Record.Load.Step("upload")!.Requests);
        Assert.That(UploadStep.GetProperty("requests").GetInt64(), Is.EqualTo(requests).And.GreaterThan(0), _run.Run.Output);
        Assert.That(Uploads.GetProperty("iterations").GetProperty("started").GetInt64(), Is.EqualTo(_partials.Sum(p => p.Record.Load.Iterations.Started)));
        Assert.That(Uploads.GetProperty("agents").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public void The_merged_percentiles_are_those_of_the_union_of_the_agents_histograms()
    {
        var union = HistogramCodec.Sum(_partials.SelectMany(p => p.Record.Load.Histograms!.Where(h => h.Step == "upload")).SelectMany(h => new[] { h.Ok, h.Failed }));
        var latency = UploadStep.GetProperty("latencyMs");
        Assert.That(latency.GetProperty("count").GetInt64(), Is.EqualTo(union.TotalCount));
        foreach (var (name, q) in new[] { ("p50", 50.0), ("p95", 95.0), ("p99", 99.0) })
            Assert.That(latency.GetProperty(name).GetDouble(), Is.EqualTo(union.GetValueAtPercentile(q) / 1000.0), name);
    }

    [Test]
    public void Probes_sample_once_and_the_verdict_is_judged_once_by_agent_zero()
    {
        Assert.That(_partials[0].Record.Infrastructure.Samples, Is.Not.Empty, "agent 0 sampled the deployment");
        Assert.That(_partials.Skip(1).SelectMany(p => p.Record.Infrastructure.Samples), Is.Empty, "agents 1 and 2 sampled nothing");
        Assert.That(_run.Results.GetProperty("criteria").GetArrayLength(), Is.GreaterThan(0), _run.Run.Output);
        Assert.That(_followers.Select(f => f.Output), Has.None.Contains("criteria").And.None.Contains("results.json"), "the followers judge and report nothing");
        Assert.That(_reportsInStore, Is.EquivalentTo(new[] { "three-agents/reports/results.json", "three-agents/reports/signoff.md", "three-agents/reports/signoff.html" }),
            "agent 0's verdict outlives its pod, in the results store");
    }
}
