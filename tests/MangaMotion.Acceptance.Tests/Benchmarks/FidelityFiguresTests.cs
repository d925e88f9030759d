using MangaMotion.Acceptance.Benchmarks;
using MangaMotion.Acceptance.Benchmarks.Fidelity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Benchmarks;

/// <summary>The pure parts of the fidelity bench: distributions, the stall's schedule truth, errors, section switches.</summary>
public sealed class FidelityFiguresTests
{
    [Test]
    public void A_mix_is_read_drawn_and_its_quantiles_known()
    {
        var mix = ServiceDistribution.Parse("mix:10@0.9,200@0.1");
        Assert.That(mix.DrawMs(0.0), Is.EqualTo(10));
        Assert.That(mix.DrawMs(0.8999), Is.EqualTo(10));
        Assert.That(mix.DrawMs(0.9001), Is.EqualTo(200));
        Assert.That(new[] { mix.QuantileMs(0.5), mix.QuantileMs(0.95), mix.QuantileMs(0.99) }, Is.EqualTo(new[] { 10.0, 200, 200 }));
        Assert.That(ServiceDistribution.Parse(mix.Spec()), Is.EqualTo(mix).Using<ServiceDistribution>((a, b) => a.Spec() == b.Spec()));
        Assert.That(mix.ToString(), Is.EqualTo("90 % at 10 ms + 10 % at 200 ms"));
    }

    [TestCase("fast"), TestCase("fixed:-1"), TestCase("mix:10@0.5,20@0.4"), TestCase("mix:10")]
    public void A_distribution_it_cannot_read_is_refused_with_what_is_accepted(string text) =>
        Assert.That(() => ServiceDistribution.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("accepted: fixed:MS or mix:"));

    [Test]
    public void A_stall_holds_a_request_until_its_end()
    {
        var stall = StallSchedule.Parse("1s/10s@4s");
        Assert.That(stall, Is.EqualTo(StallSchedule.OneSecondInTen));
        Assert.That(stall.WaitAt(TimeSpan.FromSeconds(3.9)), Is.EqualTo(TimeSpan.Zero));
        Assert.That(stall.WaitAt(TimeSpan.FromSeconds(4.25)).TotalSeconds, Is.EqualTo(0.75).Within(1e-9));
        Assert.That(stall.WaitAt(TimeSpan.FromSeconds(5)), Is.EqualTo(TimeSpan.Zero));
        Assert.That(stall.WaitAt(TimeSpan.FromSeconds(14.5)).TotalSeconds, Is.EqualTo(0.5).Within(1e-9));
        Assert.That(() => StallSchedule.Parse("10s/1s@0s"), Throws.TypeOf<FormatException>().With.Message.Contains("LENGTH < EVERY"));
    }

    [Test]
    public void The_schedules_truth_is_each_requests_wait_for_its_stall_plus_service()
    {
        var latencies = StallSchedule.OneSecondInTen.UserLatenciesMs(100, TimeSpan.FromSeconds(30), 20).Order().ToArray();
        Assert.That(latencies, Has.Length.EqualTo(3000));
        Assert.That(latencies.Count(l => l > 20), Is.EqualTo(306), "a tenth of the schedule arrives in a stall, and the two before each stall are answered after it");
        Assert.That(StallSection.Nearest(latencies, 50), Is.EqualTo(20));
        // Held: waits of 10, 20, ... 1000 ms three times each, and 990 and 1000 ms for the two just before each stall.
        // p95 is the 2,850th: the 156th held (wait 520 ms); p99 the 2,970th: the 276th held (wait 920 ms).
        Assert.That(StallSection.Nearest(latencies, 95), Is.EqualTo(540).Within(0.001));
        Assert.That(StallSection.Nearest(latencies, 99), Is.EqualTo(940).Within(0.001));
        Assert.That(latencies.Max(), Is.EqualTo(1020).Within(0.001));
    }

    [Test]
    public void An_error_is_judged_against_one_ms_or_two_percent_whichever_is_larger()
    {
        Assert.That(new PercentileError(20.9, 20).WithinOneMsOrTwoPercent, Is.True);
        Assert.That(new PercentileError(21.1, 20).WithinOneMsOrTwoPercent, Is.False);
        Assert.That(new PercentileError(203.9, 200).WithinOneMsOrTwoPercent, Is.True);
        Assert.That(new PercentileError(204.1, 200).WithinOneMsOrTwoPercent, Is.False);
        Assert.That(new PercentileError(21, 20).ToString(), Is.EqualTo("+1.0 ms (+5 %)"));
    }

    [Test]
    public void Bench_only_switches_off_every_section_it_does_not_name()
    {
        var only = new HashSet<string> { "fidelity" };
        Assert.That(BenchOnly.Setting("BENCH_ROUNDS", 5, only), Is.Zero);
        Assert.That(BenchOnly.Setting("BENCH_FIDELITY_SECONDS", 15, only), Is.EqualTo(15));
        Assert.That(BenchOnly.Setting("BENCH_STALL_RATE", 100, only), Is.EqualTo(100), "a rate is no section's switch");
        Assert.That(BenchOnly.Setting("BENCH_ROUNDS", 5, null), Is.EqualTo(5));
    }

    [Test]
    public void The_closing_line_names_each_tools_p99_error_at_90_percent()
    {
        var line = FidelitySection.ClosingLine([
            new("engine", new PercentileError(20.4, 20), ServiceDistribution.Fixed20),
            new("locust", new PercentileError(58, 20), ServiceDistribution.Fixed20)], "stall: engine from intended start within 1.2 % of the schedule's truth");
        Assert.That(line, Is.EqualTo("fidelity: engine p99 error +0.4 ms (+2 %) at 90 % load; locust +38.0 ms (+190 %); stall: engine from intended start within 1.2 % of the schedule's truth"));
    }

    [Test]
    public void The_closing_line_of_the_stall_test_alone_has_no_empty_part() =>
        Assert.That(FidelitySection.ClosingLine([], "stall: engine from intended start within 2.6 % of the schedule's truth"),
            Is.EqualTo("fidelity: stall: engine from intended start within 2.6 % of the schedule's truth"));
}
