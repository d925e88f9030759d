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

    private Dictionary<string, string?> Settings(string runId, int index) => new(Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value))
    {
        ["AGENTS"] = "3", ["AGENT_INDEX"] = index.ToString(), ["RUN_ID"] = runId, ["RESULTS_URI"] = $"s3://{Stack.Settings["S3_BUCKET"]}/agent-results",
        ["DURATION"] = "6s", ["AGENT_DEADLINE"] = "45s",
    };

    private ResultsStore Store() => ResultsStore.Open($"s3://{Stack.Settings["S3_BUCKET"]}/agent-results",
        new S3Settings(new Uri(Stack.Settings["S3_ENDPOINT"]), Stack.Settings["S3_ACCESS_KEY"], Stack.Settings["S3_SECRET_KEY"], Stack.Settings["S3_BUCKET"]));

    private Task<ChildResult> StartFollower(string runId, int index) =>
        ChildProcess.RunAsync("dotnet", [Follower], ChildProcess.RepositoryRoot(), Settings(runId, index), TimeSpan.FromMinutes(4));

    protected override async Task OnStartedAsync()
    {
        const string runId = "three-agents";
        var followers = new[] { StartFollower(runId, 1), StartFollower(runId, 2) };
        _run = await SpecRun.RunAsync("uploads", Settings(runId, 0), null, TimeSpan.FromMinutes(4));
        _followers = await Task.WhenAll(followers);
        using var store = Store();
        _partials = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => PartialResult.Parse((await store.GetAsync($"{runId}/agent-{i}/uploads.json", CancellationToken.None))!, $"agent {i}")))];
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
    }
}
