using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

public sealed class VerdictTests
{
    [TestCase(24, 39, 15)]
    [TestCase(200, 320, 60)]
    [TestCase(1000, 1400, 40)]
    public void Increases_are_measured_against_the_baseline_or_100_ms_whichever_is_larger(double baseline, double worst, double percent) =>
        Assert.That(Ramp.IncreasePercent(baseline, worst), Is.EqualTo(percent).Within(1e-9));

    [Test]
    public void Thresholds_read_as_written_with_the_guides_tiers()
    {
        Assert.That(Criterion.Parse("x", "t", "above 95 %", "90 % to 95 %").Judge(92, "").Verdict, Is.EqualTo(Verdict.Warn));
        Assert.That(Criterion.Parse("x", "t", "above 95 %", "90 % to 95 %").Judge(85, "").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(Criterion.Parse("x", "t", "above 95 %", "90 % to 95 %").Judge(97, "").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(Criterion.Parse("x", "t", "below 5 s", "1 s to 5 s").Judge(3, "").Verdict, Is.EqualTo(Verdict.Warn));
        Assert.That(Criterion.Parse("x", "t", "below 5 s", "1 s to 5 s").Judge(0.4, "").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(Criterion.Parse("x", "t", "below 2 minutes").Judge(130, "").Verdict, Is.EqualTo(Verdict.Fail), "130 s is over 2 minutes");
        Assert.That(Criterion.Parse("x", "t", "at most 0 deadlocks").Judge(null, "").Verdict, Is.EqualTo(Verdict.Incomplete));
        Assert.Throws<FormatException>(() => Criterion.Parse("x", "t", "roughly 5 s"));
    }
}

public sealed class SamplingNoiseTests
{
    private static readonly MangaMotion.Acceptance.Load.Measurement.LatencySummary Summary40 = new(40, 50, 80, 80, 100, 120, 150, 160);

    [Test]
    public void A_failure_its_confidence_interval_could_pass_is_a_warning_that_says_so()
    {
        var criterion = Criterion.Parse("x", "t", "below 50 %");
        var noisy = criterion.Judge(new Observation(55, "e") { Interval = (20, 90) });
        Assert.That(noisy.Verdict, Is.EqualTo(Verdict.Warn));
        Assert.That(noisy.Evidence, Does.Contain("within sampling noise").And.Contain("20 to 90 %"));
        Assert.That(criterion.Judge(new Observation(75, "e") { Interval = (60, 90) }).Verdict, Is.EqualTo(Verdict.Fail), "the whole interval fails");
        Assert.That(criterion.Judge(new Observation(55, "e")).Verdict, Is.EqualTo(Verdict.Fail), "no interval, no doubt");
    }

    [Test]
    public void The_p95_interval_is_wide_for_a_few_dozen_samples_and_narrow_for_thousands()
    {
        var (low, high) = Percentiles.P95Interval(Summary40);
        Assert.That(low, Is.LessThan(110).And.GreaterThanOrEqualTo(80));
        Assert.That(high, Is.EqualTo(160).Within(0.01), "with 40 samples the p95 may be the largest");
        var (low2, high2) = Percentiles.P95Interval(Summary40 with { Count = 100_000 });
        Assert.That(low2, Is.EqualTo(120).Within(2));
        Assert.That(high2, Is.EqualTo(120).Within(2));
        Assert.That(Percentiles.At(Summary40, 0.97), Is.EqualTo(135).Within(1e-9));
    }
}
