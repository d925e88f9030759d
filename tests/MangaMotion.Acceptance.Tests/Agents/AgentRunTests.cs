using MangaMotion.Acceptance.Stores;
using MangaMotion.Acceptance.Agents;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Agents;

/// <summary>Agents meeting through a folder store: one start instant for all, the next test announced by agent 0, and the missing named.</summary>
public sealed class AgentRunTests() : TempFolderTest("agents-")
{
    private AgentRun Agent(int index, int count, double deadlineSeconds = 20) =>
        new(new FolderStore(Folder), new AgentSettings(count, index, "run-1", Folder, TimeSpan.FromSeconds(deadlineSeconds), false));

    [Test]
    public async Task Every_agent_gets_the_same_start_instant_and_the_followers_learn_the_test_from_agent_zero()
    {
        using AgentRun lead = Agent(0, 3), one = Agent(1, 3), two = Agent(2, 3);
        var leading = lead.MeetAsync(0, "uploads", CancellationToken.None);
        var followers = new[] { one, two }.Select(async a => await a.MeetAsync(0, (await a.NextTestAsync(0, CancellationToken.None))!, CancellationToken.None));
        var starts = await Task.WhenAll(followers.Prepend(leading));
        Assert.That(starts.Select(s => s.StartAt).Distinct().Count(), Is.EqualTo(1), "one instant for all");
        Assert.That(starts[0].SkewMs.Keys.Order(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(starts[0].StartAt, Is.GreaterThan(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task An_agent_that_never_arrives_is_named_when_the_deadline_passes()
    {
        using AgentRun lead = Agent(0, 3, deadlineSeconds: 1), one = Agent(1, 3, deadlineSeconds: 1);
        var meeting = Task.WhenAll(lead.MeetAsync(0, "presign", CancellationToken.None), one.MeetAsync(0, "presign", CancellationToken.None));
        var missing = Assert.ThrowsAsync<AgentsMissingException>(async () => await meeting)!;
        Assert.That(missing.Missing, Is.EqualTo(new[] { 2 }));
        Assert.That(missing.Message, Is.EqualTo("agent 2 did not reach the start barrier of the presign test within AGENT_DEADLINE=1s"));
    }

    [Test]
    public async Task A_follower_stops_when_agent_zero_finishes_the_run()
    {
        using AgentRun lead = Agent(0, 2), one = Agent(1, 2);
        await lead.AnnounceAsync(finished: true, CancellationToken.None);
        Assert.That(await one.NextTestAsync(0, CancellationToken.None), Is.Null);
    }
}
