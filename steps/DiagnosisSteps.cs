using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>What went wrong and why, as the run's judgement says it: the guide's error classes, the bottleneck diagnosis, the ramp's breaking point, the jobs' fates.</summary>
[Binding]
public sealed class DiagnosisSteps(SuiteRun run, CurrentTest current, IReqnrollOutputHelper output)
{
    private TestFindings Findings => run.Judged().ByTest[current.Record.TestId];

    [Then("every error is classified as the guide's table says")]
    public void ThenErrorsAreClassified()
    {
        var classes = Findings.Classifications;
        output.WriteLine(classes.Count == 0 ? "no errors or slow responses" : string.Join(Environment.NewLine, classes.Select(c => $"{c.Kind}: {c.Count} ({c.Indicates}); e.g. {string.Join(" | ", c.Examples)}")));
        var failed = current.Record.Load.Steps.Sum(s => s.Failed);
        Assert.That(classes.Where(c => !Classification.IsExtraToFailures(c.Kind)).Sum(c => c.Count), Is.EqualTo(failed), "every failed request belongs to exactly one class");
    }

    [Then("the bottleneck diagnosis quotes its evidence")]
    public void ThenTheDiagnosisQuotesItsEvidence()
    {
        var diagnoses = Findings.Diagnoses;
        output.WriteLine(diagnoses.Count == 0 ? "no bottleneck shows its symptoms"
            : string.Join(Environment.NewLine, diagnoses.Select(d => $"{d.Title}: {string.Join("; ", d.Symptoms)} -> {string.Join("; ", d.Solutions)}")));
        Assert.That(diagnoses.All(d => d.Symptoms.Count > 0 && d.Solutions.Count > 0), Is.True);
    }

    [Then("the breaking point is reported")]
    public void ThenTheBreakingPointIsReported() => output.WriteLine(run.Judged().BreakingPoints[current.Record.TestId].Summary);

    [Then("jobs that failed, timed out or ended with no known fate are counted apart")]
    public void ThenJobsAreCountedApart()
    {
        var jobs = current.Record.Jobs ?? throw new InvalidOperationException("this test does not follow jobs");
        output.WriteLine(JobCriteria.Describe(jobs) + JobCriteria.Behind(current.Record));
        Assert.That(jobs.Followed, Is.LessThanOrEqualTo(jobs.Created));
    }
}
