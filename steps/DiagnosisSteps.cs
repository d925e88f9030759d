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
        Assert.That(classes.Where(c => c.Kind != "slow").Sum(c => c.Count), Is.EqualTo(failed), "every failed request belongs to exactly one class");
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
        var point = Ramp.BreakingPoint(current.Record);
        run.Verdicts.BreakingPoints[current.Record.TestId] = point;
        output.WriteLine(point.Summary);
    }

    [Then("jobs that failed, timed out or vanished are counted apart")]
    public void ThenJobsAreCountedApart()
    {
        var jobs = current.Record.Jobs ?? throw new InvalidOperationException("this test does not follow jobs");
        output.WriteLine($"{jobs.Created} created: {jobs.Completed} completed, {jobs.Failed} failed, {jobs.TimedOut} timed out, {jobs.Vanished} vanished");
        Assert.That(jobs.Completed + jobs.Failed + jobs.TimedOut + jobs.Vanished, Is.LessThanOrEqualTo(jobs.Created));
    }
}
