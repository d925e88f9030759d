using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Drivers.Modes;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>The four modes, chosen once from the settings, each with what differs about it; no load, a folder results store.</summary>
public sealed class RunModeTests() : TempFolderTest("modes-")
{
    private RunMode Mode(params (string Name, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Name, s => (string?)s.Value);
        values.TryAdd("RESULTS_URI", Folder);
        values.TryAdd("RUN_ID", "modes");
        // Agents must name one deployment; nothing here reaches it.
        values.TryAdd("BASE_URL", "http://127.0.0.1:9");
        return RunMode.For(SettingsReader.Read(values), new RunInterruption(), _ => { });
    }

    private static Task<string> Flush() => Task.FromResult("flushed");

    [Test]
    public async Task One_process_alone_prepares_observes_and_cleans_up_itself()
    {
        using var mode = RunMode.For(SettingsReader.Read(new Dictionary<string, string?>()), new RunInterruption(), _ => { });
        Assert.That(mode, Is.InstanceOf<SingleProcessMode>());
        Assert.That((mode.AppliesLoad, mode.Observes, mode.Agents, mode.UserSuffix), Is.EqualTo((true, true, (AgentTestRun?)null, "")));
        Assert.That(await mode.PrepareAsync(Flush), Is.EqualTo("flushed"));
        Assert.That(await mode.StartTogetherAsync("uploads", CancellationToken.None), Is.Null);
        Assert.That(mode.SkipProbes(new HashSet<string> { ProbeNames.Redis }), Is.EquivalentTo(new[] { ProbeNames.Redis }));
    }

    [Test]
    public async Task The_lead_agent_prepares_and_observes_and_leaves_its_checklist_for_a_merge()
    {
        using var lead = Mode(("AGENTS", "2"), ("AGENT_INDEX", "0"));
        Assert.That(lead, Is.InstanceOf<LeadAgentMode>());
        Assert.That((lead.Observes, lead.UserSuffix, lead.Segment.ToString()), Is.EqualTo((true, "-a0", lead.Agents!.Segment.ToString())));
        Assert.That(await lead.PrepareAsync(Flush), Is.EqualTo("flushed"));
        var checklist = new Checklist([new MangaMotion.Acceptance.Results.ReadinessLine("api", MangaMotion.Acceptance.Results.ReadinessState.Ok, "200 in 3 ms", "BASE_URL")], []);
        await lead.ChecklistAsync(() => Task.FromResult(checklist));

        using var merge = Mode(("MERGE_ONLY", "true"));
        Assert.That(merge, Is.InstanceOf<MergeOnlyMode>());
        var kept = await merge.ChecklistAsync(() => throw new AssertionException("a merge checks no deployment"));
        Assert.That(kept.Lines.Single().Component, Is.EqualTo("api"));
    }

    [Test]
    public async Task A_follower_agent_looks_at_nothing_and_prepares_nothing()
    {
        using var follower = Mode(("AGENTS", "3"), ("AGENT_INDEX", "2"));
        Assert.That(follower, Is.InstanceOf<FollowerAgentMode>());
        Assert.That(follower.Observes, Is.False);
        Assert.That(follower.SkipProbes(new HashSet<string>()), Is.EquivalentTo(ProbeNames.All));
        Assert.That(await follower.PrepareAsync(() => throw new AssertionException("a follower prepares nothing")), Does.StartWith("none by").And.EndWith("agent 0 prepares the deployment"));
        Assert.That(follower.UserSuffix, Is.EqualTo("-a2"));
    }

    [Test]
    public async Task A_merge_applies_no_load_checks_nothing_and_removes_nothing()
    {
        using var merge = Mode(("MERGE_ONLY", "true"));
        Assert.That((merge.AppliesLoad, merge.Observes), Is.EqualTo((false, false)));
        Assert.That(await merge.PrepareAsync(() => throw new AssertionException("no preparation")), Is.EqualTo("none: a merge of stored results"));
        Assert.That(await merge.CleanUpAsync(() => throw new AssertionException("no cleanup")), Has.One.StartsWith("nothing removed by the merge"));
        var kept = await merge.ChecklistAsync(() => throw new AssertionException("no checklist"));
        Assert.That(kept.Lines.Single().Detail, Does.Contain("left no checklist in the store"), "agent 0 left none here");
    }

    [Test]
    public void Every_entry_point_composes_the_pipeline_through_the_one_composition_root()
    {
        var root = ChildProcess.RepositoryRoot();
        var composers = Directory.GetFiles(Path.Combine(root, "support"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("new GuideTests(", StringComparison.Ordinal) || text.Contains("RunMode.For(", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.That(composers, Is.EqualTo(new[] { "support/Drivers/RunComposition.cs" }));
        foreach (var entry in new[] { "support/AgentCli/Program.cs", "support/Drivers/SuiteRun.cs" })
            Assert.That(File.ReadAllText(Path.Combine(root, entry)), Does.Contain("RunComposition.GuideTests("), entry);
    }
}
