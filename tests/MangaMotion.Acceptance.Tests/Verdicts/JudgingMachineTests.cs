using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>Nothing in a verdict reads the machine that judges: a sample carries the facts it needs (the sampled machine's cores).</summary>
public sealed class JudgingMachineTests
{
    /// <summary>
    /// Samples recorded on a 16-core target whose worker used one whole core (6.25 % of 16 cores) while
    /// the queue grew: the diagnosis says 100 % of a core, whatever this machine's core count.
    /// </summary>
    private static GuideTestRecord SixteenCoreTarget(bool withCores = true)
    {
        var resources = Enumerable.Range(0, 21).Select(t => new ProbeSample(t, ProbeNames.Resources, new Dictionary<string, double>
        {
            [ResourceMeasurements.ProcessCpu("worker")] = 6.25,
            [ResourceMeasurements.MachineCpu] = 30,
        }.Concat(withCores ? [new(ResourceMeasurements.Cores, 16)] : []).ToDictionary(), [], null, 1));
        return Records.Of("uploads", 20, Records.Jobs(completed: 0) with { Created = 100 }, Records.Queue(20, t => 4.5 * t).Concat(resources));
    }

    [Test]
    public void A_two_core_suite_judging_a_sixteen_core_targets_samples_gives_the_diagnosis_a_sixteen_core_suite_would()
    {
        Assume.That(Environment.ProcessorCount, Is.Not.EqualTo(16), "the point is a judge with another core count");
        var symptom = Diagnosis.Diagnose([SixteenCoreTarget()]).Single(d => d.Kind == "worker").Symptoms.Single();
        Assert.That(symptom, Does.Contain("the worker used up to 100 % of a core"), symptom);
    }

    [Test]
    public void A_sample_that_does_not_say_its_machines_cores_gives_no_core_figure_rather_than_a_guess()
    {
        var symptom = Diagnosis.Diagnose([SixteenCoreTarget(withCores: false)]).Single(d => d.Kind == "worker").Symptoms.Single();
        Assert.That(symptom, Does.Not.Contain("of a core"), symptom);
    }
}
