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
        Assert.That(Criterion.Parse("x", "t", "above 95 %", Tier.SuccessRate).Judge(92, "").Verdict, Is.EqualTo(Verdict.Warn));
        Assert.That(Criterion.Parse("x", "t", "above 95 %", Tier.SuccessRate).Judge(85, "").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(Criterion.Parse("x", "t", "above 95 %", Tier.SuccessRate).Judge(97, "").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(Criterion.Parse("x", "t", "below 5 s", Tier.ResponseTime).Judge(3, "").Verdict, Is.EqualTo(Verdict.Warn));
        Assert.That(Criterion.Parse("x", "t", "below 5 s", Tier.ResponseTime).Judge(0.4, "").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(Criterion.Parse("x", "t", "below 2 minutes").Judge(130, "").Verdict, Is.EqualTo(Verdict.Fail), "130 s is over 2 minutes");
        Assert.That(Criterion.Parse("x", "t", "at most 0 deadlocks").Judge(null, "").Verdict, Is.EqualTo(Verdict.Incomplete));
        Assert.Throws<FormatException>(() => Criterion.Parse("x", "t", "roughly 5 s"));
    }
}
