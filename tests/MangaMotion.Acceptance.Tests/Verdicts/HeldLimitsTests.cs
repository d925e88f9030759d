using MangaMotion.Acceptance.Load.Thresholds;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>Limits held while a test runs, read in the criteria tables' grammar and handed to the engine in its units.</summary>
public sealed class HeldLimitsTests
{
    [Test]
    public void A_window_row_becomes_an_engine_threshold_on_every_window_in_milliseconds()
    {
        var limit = HeldLimits.Parse("uploads", "P95 response time", "below 5 s in every 30s window");
        Assert.That(limit.Id, Is.EqualTo("uploads.p95.every_30s"));
        Assert.That(limit.Aborts, Is.False);
        Assert.That((limit.Engine.Step, limit.Engine.Metric, limit.Engine.Comparison, limit.Engine.Limit), Is.EqualTo(("upload", "p(95)", "<", 5000.0)));
        Assert.That(limit.Engine.Window, Is.EqualTo(new ThresholdWindow.Sliding(TimeSpan.FromSeconds(30))));
    }

    [Test]
    public void An_abort_row_names_the_condition_that_stops_the_test_and_the_engine_keeps_its_opposite()
    {
        var limit = HeldLimits.Parse("presign", "abort when S3 upload success rate", "below 80 % for 1m");
        Assert.That(limit.Id, Is.EqualTo("presign.s3_success_rate.abort"));
        Assert.That(limit.Aborts && limit.Engine.AbortOnFail, Is.True);
        Assert.That((limit.Engine.Step, limit.Engine.Metric, limit.Engine.Comparison, limit.Engine.Limit), Is.EqualTo(("s3_put", "rate", ">=", 0.8)));
        Assert.That(limit.Engine.AbortGrace, Is.EqualTo(TimeSpan.FromMinutes(1)), "never before a full window");
    }

    [TestCase("uploads", "P95 response time", "below 5 s", "in every")]
    [TestCase("uploads", "P95 response time", "below 5 s in every soon window", "in every")]
    [TestCase("uploads", "abort when success rate", "below 20 %", "for <duration>")]
    [TestCase("worker", "job success rate", "above 95 % in every 30s window", "cannot be held while the worker test runs")]
    public void A_row_that_cannot_be_held_is_refused_before_any_load_saying_what_is_accepted(string test, string name, string threshold, string said)
    {
        var e = Assert.Catch(() => HeldLimits.Parse(test, name, threshold))!;
        Assert.That(e.Message, Does.Contain(said));
    }
}
