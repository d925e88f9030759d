using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>What went wrong and why: the guide's error classes, the bottleneck diagnosis, the ramp's breaking point, the jobs' fates.</summary>
[Binding]
public sealed class DiagnosisSteps(SuiteRun run, CurrentTest current, IReqnrollOutputHelper output)
{
    [Then("every error is classified as the guide's table says")]
    public void ThenErrorsAreClassified()
    {
        var classes = Classification.Classify([current.Record]);
        output.WriteLine(classes.Count == 0 ? "no errors or slow responses" : string.Join(Environment.NewLine, classes.Select(c => $"{c.Kind}: {c.Count} ({c.Indicates}); e.g. {string.Join(" | ", c.Examples)}")));
        var failed = current.Record.Load.Steps.Sum(s => s.Failed);
        Assert.That(classes.Where(c => c.Kind is not ("slow" or "job_fate_unknown")).Sum(c => c.Count), Is.EqualTo(failed), "every failed request belongs to exactly one class");
    }

    [Then("the bottleneck diagnosis quotes its evidence")]
    public void ThenTheDiagnosisQuotesItsEvidence()
    {
        var diagnoses = Diagnosis.Diagnose([current.Record]);
        output.WriteLine(diagnoses.Count == 0 ? "no bottleneck shows its symptoms"
            : string.Join(Environment.NewLine, diagnoses.Select(d => $"{d.Title}: {string.Join("; ", d.Symptoms)} -> {string.Join("; ", d.Solutions)}")));
        Assert.That(diagnoses.All(d => d.Symptoms.Count > 0 && d.Solutions.Count > 0), Is.True);
    }

    [Then("the breaking point is reported")]
    public void ThenTheBreakingPointIsReported()
    {
        // results.json judges it from the record and the stated limits too, so a failed criteria step before this one cannot lose it.
        output.WriteLine(run.Verdicts.BreakingPointOf(current.Record).Summary);
    }

    [Then("jobs that failed, timed out or ended with no known fate are counted apart")]
    public void ThenJobsAreCountedApart()
    {
        var jobs = current.Record.Jobs ?? throw new InvalidOperationException("this test does not follow jobs");
        output.WriteLine(JobCriteria.Describe(jobs) + JobCriteria.Behind(current.Record));
        Assert.That(jobs.Followed, Is.LessThanOrEqualTo(jobs.Created));
    }
}
