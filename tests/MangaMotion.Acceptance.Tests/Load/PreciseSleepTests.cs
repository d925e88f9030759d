using MangaMotion.Acceptance.Load.Running;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The open model's pacing thread sleeps to each arrival instead of spinning: its sleeps must be precise, and only its own.</summary>
public sealed class PreciseSleepTests
{
    [Test]
    public void Tightening_a_thread_leaves_its_sleeps_no_timer_slack_and_other_threads_untouched()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("timer slack is a Linux setting");
        long? before = null, after = null;
        var pacer = new Thread(() =>
        {
            before = PreciseSleep.CurrentThreadSlackNanoseconds;
            PreciseSleep.TightenCurrentThread();
            after = PreciseSleep.CurrentThreadSlackNanoseconds;
        });
        pacer.Start();
        pacer.Join();
        Assert.That(before, Is.GreaterThan(1), "a new thread starts with the kernel's default slack");
        Assert.That(after, Is.EqualTo(1));
        Assert.That(PreciseSleep.CurrentThreadSlackNanoseconds, Is.EqualTo(before), "the test's own thread keeps its slack");
    }

    [Test]
    public void A_sleep_lasts_at_least_what_was_asked()
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        PreciseSleep.For(TimeSpan.FromMilliseconds(3));
        Assert.That(System.Diagnostics.Stopwatch.GetElapsedTime(start), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(3)));
    }
}
