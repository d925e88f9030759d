using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>A probe's own timing is evidence only while the machine running the probes had cores to spare.</summary>
public sealed class ProbeTrustTests
{
    private static IEnumerable<ProbeSample> SlowStorageProbe(double machineCpu) =>
        Enumerable.Range(0, 10).SelectMany(t => new[]
        {
            new ProbeSample(t, "s3", new Dictionary<string, double> { ["put_ms"] = 1600 }, [], null, 1600),
            new ProbeSample(t, "resources", new Dictionary<string, double> { ["cpu_percent"] = machineCpu }, [], null, 1),
        });

    [Test]
    public void Slow_probe_puts_on_a_machine_with_cores_to_spare_diagnose_storage()
    {
        var diagnoses = Diagnosis.Diagnose([Records.Of("presign", 10, samples: SlowStorageProbe(40))]);
        Assert.That(diagnoses.Single(d => d.Kind == "storage_iops").Symptoms, Has.Some.Contains("the storage probe's own PUT took up to 1.6 s"));
    }

    [Test]
    public void Slow_probe_puts_while_the_suites_machine_was_saturated_are_not_evidence()
    {
        Assert.That(Diagnosis.Diagnose([Records.Of("presign", 10, samples: SlowStorageProbe(99))]).Select(d => d.Kind), Has.No.Member("storage_iops"));
        Assert.That(ProbeTrust.Untrusted(Records.Of("presign", 10, samples: SlowStorageProbe(99)), "s3"), Does.Contain("10 of 10 s3 probe samples were not used"));
    }

    [Test]
    public void Nothing_a_probe_timed_counts_when_the_load_generator_was_saturated()
    {
        var r = Records.Of("presign", 10, samples: SlowStorageProbe(40));
        var saturated = GeneratorLimits.Default.Judge(new GeneratorFigures(40, 50, 10, 200, 900, 200, null, 0, 0, 2));
        r = r with { Load = r.Load with { Generator = saturated } };
        Assert.That(ProbeTrust.Trusted(r, "s3"), Is.Empty);
        Assert.That(Diagnosis.Diagnose([r]).Select(d => d.Kind), Has.No.Member("storage_iops"));
    }
}
