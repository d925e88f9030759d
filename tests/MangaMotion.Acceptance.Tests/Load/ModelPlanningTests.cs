using MangaMotion.Acceptance.Load.Models;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

public sealed class ModelPlanningTests
{
    private static IEnumerable<string> ErrorsOf(LoadModel model) => model.Validate().Select(e => e.Setting);

    [Test]
    public void Constant_users_plans_a_single_stage_holding_the_users()
    {
        var plan = new ConstantUsers(50, TimeSpan.FromMinutes(5)).Plan();
        Assert.That((plan.IsOpen, plan.Duration, plan.MaxUsers), Is.EqualTo((false, TimeSpan.FromMinutes(5), 50)));
        Assert.That(plan.UsersAt(TimeSpan.Zero), Is.EqualTo(50));
        Assert.That(plan.UsersAt(TimeSpan.FromMinutes(4.99)), Is.EqualTo(50));
        Assert.That(plan.UsersAt(TimeSpan.FromMinutes(5)), Is.EqualTo(0));
    }

    [Test]
    public void Invalid_models_name_each_setting_that_cannot_run_before_anything_runs()
    {
        Assert.That(ErrorsOf(new ConstantUsers(0, TimeSpan.FromSeconds(-1))), Is.EquivalentTo(new[] { "users", "duration" }));
        Assert.That(ErrorsOf(new ConstantUsers(LoadModel.MaxUsersCap + 1, TimeSpan.FromHours(7))), Is.EquivalentTo(new[] { "users", "duration" }));
        Assert.That(ErrorsOf(new RampingUsers(0, [])), Does.Contain("stages"));
        Assert.That(ErrorsOf(new RampingUsers(0, [new Stage(TimeSpan.FromSeconds(10), -3)])), Does.Contain("stages[0].target"));
        Assert.That(ErrorsOf(new ConstantArrivalRate(0, TimeSpan.FromSeconds(1), 10)), Is.EqualTo(new[] { "rate" }));
        Assert.That(ErrorsOf(new RampingArrivalRate(-1, [new Stage(TimeSpan.Zero, 5)], 0)), Is.EquivalentTo(new[] { "startRate", "stages", "maxUsers" }));
        var e = Assert.Throws<InvalidPlanException>(() => new ConstantUsers(0, TimeSpan.FromSeconds(1)).Plan())!;
        Assert.That(e.Message, Does.Contain("users: 0 is outside 1..10000 users"));
    }

    [Test]
    public void Ramping_users_interpolate_up_hold_and_down()
    {
        var plan = new RampingUsers(0, [new Stage(TimeSpan.FromSeconds(10), 20), new Stage(TimeSpan.FromSeconds(10), 20), new Stage(TimeSpan.FromSeconds(10), 0)]).Plan();
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(new[] { 0, 5, 10, 15, 25, 29.99 }.Select(s => plan.UsersAt(TimeSpan.FromSeconds(s))), Is.EqualTo(new[] { 0, 10, 20, 20, 10, 0 }));
        Assert.That(plan.MaxUsers, Is.EqualTo(20));
    }

    [Test]
    public void The_guides_stepwise_ramp_is_twenty_named_holds_of_two_minutes()
    {
        var plan = RampingUsers.Stepwise(10, 200, 10, TimeSpan.FromMinutes(2)).Plan();
        var holds = plan.Stages.Where(s => s.End > s.Start).ToList();
        Assert.That(holds, Has.Count.EqualTo(20));
        Assert.That(plan.Duration, Is.EqualTo(TimeSpan.FromMinutes(40)));
        Assert.That(holds[0].Name, Is.EqualTo("10 users"));
        Assert.That(holds[^1].Name, Is.EqualTo("200 users"));
        Assert.That(plan.UsersAt(TimeSpan.FromMinutes(1)), Is.EqualTo(10));
        Assert.That(plan.UsersAt(TimeSpan.FromMinutes(2)), Is.EqualTo(20), "a step jumps, it does not ramp");
        Assert.That(plan.UsersAt(TimeSpan.FromMinutes(39.9)), Is.EqualTo(200));
        Assert.That(plan.StageAt(TimeSpan.FromMinutes(3))!.Name, Is.EqualTo("20 users"));
    }

    [Test]
    public void Stepwise_ramp_with_a_last_step_short_of_max_stops_at_the_last_full_step()
    {
        var holds = RampingUsers.Stepwise(10, 35, 10, TimeSpan.FromSeconds(1)).Plan().Stages.Where(s => s.End > s.Start).Select(s => s.Name);
        Assert.That(holds, Is.EqualTo(new[] { "10 users", "20 users", "30 users" }));
    }

    [Test]
    public void Constant_arrival_rate_spaces_arrivals_evenly()
    {
        var plan = new ConstantArrivalRate(2000, TimeSpan.FromSeconds(60), 100).Plan();
        Assert.That(plan.PlannedArrivals, Is.EqualTo(120_000));
        Assert.That(plan.TimeOfArrival(0), Is.EqualTo(TimeSpan.Zero));
        Assert.That(plan.TimeOfArrival(2000).TotalSeconds, Is.EqualTo(1).Within(1e-9));
        Assert.That(plan.ArrivalsBy(TimeSpan.FromSeconds(30)), Is.EqualTo(60_000.0).Within(1e-6));
    }

    [Test]
    public void Ramping_arrival_rate_integrates_the_rate_and_inverts_it_exactly()
    {
        var plan = new RampingArrivalRate(0, [new Stage(TimeSpan.FromSeconds(10), 10), new Stage(TimeSpan.FromSeconds(10), 10), new Stage(TimeSpan.FromSeconds(10), 0)], 50).Plan();
        Assert.That(plan.ArrivalsBy(TimeSpan.FromSeconds(10)), Is.EqualTo(50.0).Within(1e-9));
        Assert.That(plan.PlannedArrivals, Is.EqualTo(200));
        foreach (var k in new long[] { 1, 10, 49, 50, 120, 150, 199 })
            Assert.That(plan.ArrivalsBy(plan.TimeOfArrival(k)), Is.EqualTo((double)k).Within(1e-6), $"arrival {k}");
        Assert.That(plan.ValueAt(TimeSpan.FromSeconds(5)), Is.EqualTo(5).Within(1e-9));
    }
}
