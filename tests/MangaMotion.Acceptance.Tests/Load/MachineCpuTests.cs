using MangaMotion.Acceptance.Load.Running;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The whole machine's CPU beside the generator's own figures: said, and never a saturation by itself.</summary>
public sealed class MachineCpuTests
{
    [Test]
    public void The_machine_s_busy_share_is_read_between_two_calls_on_linux()
    {
        Assume.That(File.Exists("/proc/stat"), "a machine without /proc/stat reads null");
        var machine = new MachineCpu();
        var spin = System.Diagnostics.Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 50) Thread.SpinWait(100);
        Assert.That(machine.BusyPercentSinceLast(), Is.InRange(0.0, 100.0));
    }

    [Test]
    public void A_crowded_machine_is_said_beside_the_figures_and_does_not_saturate_the_generator()
    {
        var crowded = GeneratorLimits.Default.Judge(new GeneratorFigures(40, 45, 10, 3, 9, 200, null, 0, 0, 2) { MachineCpuMedian = 97 });
        Assert.That(crowded.Crowded, Is.True);
        Assert.That(crowded.Saturated, Is.False);
        Assert.That(crowded.State(), Does.Contain("machine CPU median 97 % (crowded").And.Contain("tail latencies"));

        var calm = crowded with { MachineCpuMedian = 60 };
        Assert.That(calm.Crowded, Is.False);
        Assert.That(calm.Describe(), Does.Contain("machine CPU median 60 %").And.Not.Contain("crowded"));
        Assert.That((crowded with { MachineCpuMedian = null }).Describe(), Does.Not.Contain("machine CPU"));
    }
}
