using MangaMotion.Acceptance.Load.Models;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>Agents' shares of a load: exact for awkward numbers, at every stage of a ramp, and for open rates.</summary>
public sealed class ExecutionSegmentTests
{
    private static IEnumerable<ExecutionSegment> Agents(int count) => Enumerable.Range(0, count).Select(i => new ExecutionSegment(i, count));

    [Test]
    public void Seven_users_on_three_agents_are_two_two_and_three()
    {
        var plans = Agents(3).Select(a => new ConstantUsers(7, TimeSpan.FromSeconds(10)).Plan().Share(a)).ToList();
        Assert.That(plans.Select(p => p.MaxUsers), Is.EqualTo(new[] { 2, 2, 3 }));
        Assert.That(plans.Sum(p => p.UsersAt(TimeSpan.FromSeconds(5))), Is.EqualTo(7));
    }

    [Test]
    public void A_ramp_from_two_to_six_by_two_on_four_agents_sums_to_the_total_at_every_stage()
    {
        var whole = RampingUsers.Stepwise(2, 6, 2, TimeSpan.FromSeconds(10)).Plan();
        var shares = Agents(4).Select(a => whole.Share(a)).ToList();
        foreach (var t in new[] { 5.0, 15, 25 }.Select(TimeSpan.FromSeconds))
            Assert.That(shares.Sum(p => p.UsersAt(t)), Is.EqualTo(whole.UsersAt(t)), $"at {t}");
        Assert.That(shares.Select(p => p.UsersAt(TimeSpan.FromSeconds(5))), Is.EqualTo(new[] { 0, 1, 0, 1 }), "two users on four agents: two agents have none");
        Assert.That(shares.Sum(p => p.MaxUsers), Is.EqualTo(6));
    }

    [Test]
    public void An_open_rate_of_ten_per_second_on_three_agents_deals_out_every_arrival_once()
    {
        var whole = new ConstantArrivalRate(10, TimeSpan.FromSeconds(10), 9).Plan();
        var shares = Agents(3).Select(a => whole.Share(a)).ToList();
        Assert.That(shares.Select(p => p.PlannedArrivals), Is.EqualTo(new long[] { 34, 33, 33 }));
        Assert.That(shares.Sum(p => p.PlannedArrivals), Is.EqualTo(whole.PlannedArrivals).And.EqualTo(100));
        Assert.That(shares.Sum(p => p.ValueAt(TimeSpan.FromSeconds(1))), Is.EqualTo(10).Within(1e-9), "the shares' rates add back to 10/s");
        Assert.That(shares.Sum(p => p.MaxUsers), Is.EqualTo(9));
        var owned = Enumerable.Range(0, 100).Select(k => Agents(3).Count(a => a.Owns(k)));
        Assert.That(owned, Is.All.EqualTo(1), "each arrival belongs to exactly one agent");
    }

    [Test]
    public async Task An_agent_whose_share_is_no_users_runs_the_tests_clock_and_reports_its_zero()
    {
        var part = await MangaMotion.Acceptance.Load.Running.LoadRun.RunAsync(new("ramp", new ConstantUsers(2, TimeSpan.FromSeconds(1.2)), _ => Task.Delay(5))
        {
            Segment = new ExecutionSegment(0, 4), KeepHistograms = true,
        });
        Assert.That(part.Iterations.Started, Is.Zero);
        Assert.That(part.Series, Is.Not.Empty, "its seconds still line up with the other agents'");
        Assert.That(part.Plan, Does.StartWith("agent 0 of 4: 0 of 2 users; whole plan: 2 users"));
        var merged = MangaMotion.Acceptance.Load.Running.RunMerge.Merge([part]);
        Assert.That(merged.Agents.Single().Share, Is.EqualTo("0 of 2 users"));
    }

    [Test]
    public void Shares_of_any_number_sum_to_it([Values(1, 2, 3, 4, 7, 13)] int agents, [Values(0, 1, 5, 7, 200, 10_000)] int total)
    {
        Assert.That(Agents(agents).Sum(a => a.Of(total)), Is.EqualTo(total));
        Assert.That(Agents(agents).Sum(a => a.ArrivalsOf(total)), Is.EqualTo(total));
    }

    [Test]
    public void An_index_outside_the_agents_is_refused_naming_both()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionSegment(3, 3).Validated())!;
        Assert.That(e.Message, Does.Contain("agent 3 is not one of 3 agents (0..2)"));
    }
}
