using System.Diagnostics;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The load generator watching itself: pinned by an open model far above two cores, and calm.</summary>
[NonParallelizable]
public sealed class GeneratorWatchTests : LoopbackEngineTests
{
    /// <summary>
    /// <paramref name="cpu"/> of the generator's own work (building a request body), then a request to the
    /// loopback server. The work comes first so that every arrival costs it, however fast the server answers.
    /// </summary>
    private Journey Get(TimeSpan cpu) => async ctx => await ctx.StepAsync("ok", async ct =>
    {
        var spin = Stopwatch.StartNew();
        while (spin.Elapsed < cpu) Thread.SpinWait(50);
        using var response = await Http.GetAsync("/ok", ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return StepOutcome.FromStatus(response.StatusCode, 0, body.Length);
    });

    [Test]
    public async Task An_open_model_far_above_what_the_cores_sustain_marks_the_generator_saturated()
    {
        // 3,000 arrivals/s of 3 ms of work each, up to 2,000 at once: 9 cores' worth, so on a machine of
        // fewer the arrivals queue up behind the generator's own work and start ever later, whatever
        // share of the cores a neighbour leaves the process.
        Assume.That(Environment.ProcessorCount, Is.LessThanOrEqualTo(4), "the test pins a machine of at most four cores");
        var result = await LoadRun.RunAsync(new LoadRunOptions("pinned", new ConstantArrivalRate(3000, TimeSpan.FromSeconds(3), MaxUsers: 2_000), Get(TimeSpan.FromMilliseconds(3))));
        var generator = result.Generator!;
        TestContext.Out.WriteLine(generator.Describe());
        Assert.That(generator.Saturated, Is.True, generator.Describe());
        Assert.That(generator.Reasons, Has.Some.Contains("late").Or.Some.Contains("of all cores"));
    }

    [Test]
    public async Task A_calm_run_is_not_saturated_and_says_what_it_watched()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("calm", new ConstantArrivalRate(20, TimeSpan.FromSeconds(3), MaxUsers: 20), Get(TimeSpan.Zero)));
        var generator = result.Generator!;
        TestContext.Out.WriteLine(generator.Describe());
        Assert.That(generator.Saturated, Is.False, generator.Describe());
        Assert.That(generator.TimerSamples, Is.GreaterThan(20));
        Assert.That(generator.Arrivals, Is.EqualTo(result.Iterations.Started));
        Assert.That(generator.CpuSamples, Is.GreaterThanOrEqualTo(2));
    }
}
