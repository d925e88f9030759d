using System.Text.Json.Nodes;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Drivers.Modes;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Tests.Stack;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>
/// The whole run pipeline in this process against the embedded stack, no child `dotnet test`: a single
/// process's run from load to history, then the three modes of a distributed run (a lead and a follower
/// agent sharing a folder results store, and a merge of what they left) composed by the one composition root.
/// </summary>
[NonParallelizable, Category("stack")]
public sealed class RunPipelineTests() : InProcessRunFixture("pipeline-", 2, "4s")
{
    private string RunFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, name, "20261204_000000")).FullName;

    private static JsonObject Results(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!.AsObject();

    [Test]
    public async Task A_single_process_run_loads_observes_judges_and_records_itself_in_process()
    {
        var folder = RunFolder("single");
        var lines = new List<string>();
        var run = new SuiteRun(SuiteTarget.Resolve(Read()), folder, line => { lock (lines) lines.Add(line); });
        await using (run)
        {
            Assert.That(run.Tests.Mode, Is.InstanceOf<SingleProcessMode>());
            var record = await run.Tests.RunAsync(GuideTest.Uploads);
            Assert.That(record.Step("upload")!.Requests, Is.GreaterThan(0));
            Assert.That(record.Infrastructure.Samples, Is.Not.Empty, "the probes sampled beside the load");
            var answer = await run.StateAsync(new CriteriaStatement(GuideTest.Uploads, [new CriteriaRow("success rate", "above 95 %")]), record);
            Assert.That(answer.Single().Verdict, Is.EqualTo(Verdict.Pass), answer.Single().Evidence);
            await run.FinishAsync();
        }
        var results = Results(folder);
        Assert.That(results["tests"]!.AsArray().Select(t => (string?)t!["id"]), Is.EqualTo(new[] { GuideTest.Uploads }));
        Assert.That(results["criteria"]!.AsArray().Select(c => (string?)c!["id"]), Is.EqualTo(new[] { "uploads.success_rate" }));
        Assert.That(File.ReadAllLines(Path.Combine(Root, "single", "history.jsonl")), Has.Length.EqualTo(1), "the run recorded itself once");
        Assert.That(File.Exists(Path.Combine(folder, "uploads.log")), Is.True);
    }

    [Test]
    public async Task A_lead_and_a_follower_agent_apply_their_shares_in_one_process_and_a_merge_judges_what_they_left()
    {
        var store = Directory.CreateDirectory(Path.Combine(Root, "store")).FullName;
        (string, string)[] Agent(int index) => [("AGENTS", "2"), ("AGENT_INDEX", $"{index}"), ("RUN_ID", "in-process"), ("RESULTS_URI", store), ("AGENT_DEADLINE", "60s")];
        using var interruption = new RunInterruption();
        var followerTarget = SuiteTarget.Resolve(Read(Agent(1)));
        await using var follower = RunComposition.GuideTests(followerTarget, "in-process", RunFolder("follower"), _ => { }, interruption, () => Task.CompletedTask);
        Assert.That(follower.Mode, Is.InstanceOf<FollowerAgentMode>());
        var following = Task.Run(async () =>
        {
            for (var seq = 0; await follower.Mode.Agents!.NextTestAsync(seq, interruption.Token) is { } test; seq++) await follower.RunAsync(test);
        });

        var leadFolder = RunFolder("lead");
        GuideTestRecord led;
        await using (var lead = new SuiteRun(SuiteTarget.Resolve(Read(Agent(0))), leadFolder, _ => { }))
        {
            Assert.That(lead.Tests.Mode, Is.InstanceOf<LeadAgentMode>());
            led = await lead.Tests.RunAsync(GuideTest.Uploads);
            await lead.FinishAsync();
        }
        await following.WaitAsync(TimeSpan.FromMinutes(2));
        await followerTarget.DisposeAsync();
        Assert.That(led.Load.Agents.Select(a => (a.Index, a.Missing)), Is.EqualTo(new[] { (0, (string?)null), (1, (string?)null) }));
        Assert.That(led.Step("upload")!.Requests, Is.EqualTo(led.Load.Agents.Sum(a => a.Requests)), "the merged record counts both shares");
        Assert.That(led.Load.Agents.All(a => a.Requests > 0), Is.True);

        var mergeFolder = RunFolder("merge");
        await using (var merge = new SuiteRun(SuiteTarget.Resolve(Read(("MERGE_ONLY", "true"), ("RUN_ID", "in-process"), ("RESULTS_URI", store), ("AGENT_DEADLINE", "30s"))), mergeFolder, _ => { }))
        {
            Assert.That(merge.Tests.Mode, Is.InstanceOf<MergeOnlyMode>());
            var merged = await merge.Tests.RunAsync(GuideTest.Uploads);
            Assert.That(merged.Step("upload")!.Requests, Is.EqualTo(led.Step("upload")!.Requests), "the merge reads the same shares back");
            Assert.That(merge.Tests.Preparation, Is.EqualTo("none: a merge of stored results"));
            await merge.FinishAsync();
        }
        Assert.That((string?)Results(mergeFolder)["target"], Does.StartWith("merged from the agents' results of run in-process"));
    }
}
