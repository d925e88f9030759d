using MangaMotion.Acceptance.Drivers;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

public sealed class RunInterruptionTests
{
    [Test]
    public void The_first_reason_wins_and_cancels_the_load()
    {
        using var interruption = new RunInterruption();
        Assert.That(interruption.IsInterrupted, Is.False);
        interruption.Interrupt("SIGTERM received");
        interruption.Interrupt("the run's deadline passed");
        Assert.That(interruption.Token.IsCancellationRequested, Is.True);
        Assert.That(interruption.Reason, Does.StartWith("SIGTERM received").And.EndWith("s into the run"));
    }

    [Test]
    public async Task The_deadline_interrupts_the_run_naming_what_set_it()
    {
        using var interruption = new RunInterruption();
        interruption.StartDeadline(TimeSpan.FromMilliseconds(50), "RUN_DEADLINE=1s");
        await Task.Delay(Timeout.Infinite, interruption.Token).ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(interruption.Reason, Does.StartWith("the run's deadline (RUN_DEADLINE=1s) passed"));
    }
}
