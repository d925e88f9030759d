using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Capacity;
using MangaMotion.Acceptance.Verdicts.Regression;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>Stating a scenario's criteria for the test it ran, exactly as written, and asserting on the judge's answer about them.</summary>
[Binding]
public sealed class CriteriaSteps(SuiteRun run, CurrentTest current, IReqnrollOutputHelper output)
{
    private static IReadOnlyList<CriteriaRow> Rows(Table table) =>
        table.Rows.Select(r => new CriteriaRow(r["criterion"], r["threshold"], table.ContainsColumn("warning") ? r["warning"] : null)).ToList();

    [Then("the test meets these criteria:")]
    public Task ThenTheTestMeets(Table criteria) => StateAsync(new CriteriaStatement(current.Record.TestId, Rows(criteria)), charts: true);

    [Then("up to {int} users the test meets these criteria:")]
    public Task ThenUpToUsersTheTestMeets(int users, Table criteria) => StateAsync(new CriteriaStatement(current.Record.TestId, Rows(criteria), users), charts: true);

    [Given("while it runs, the test is held to:")]
    public void GivenHeldWhileRunning(Table limits) => current.LimitsWhileRunning = Rows(limits);

    [Then("it held those limits while it ran")]
    public Task ThenItHeldThoseLimits() => StateAsync(new HeldLimitsStatement(current.Record.TestId, run.Tests.HeldLimitsOf(current.Record.TestId)), charts: true);

    [Then("acceptance criterion {int} is met: {string}")]
    public Task ThenAcceptanceCriterion(int number, string title, Table criteria) =>
        StateAsync(new AcceptanceStatement(number, title, current.Record.TestId, Rows(criteria)), charts: false);

    /// <summary>
    /// Judged against the run history; a figure the history cannot yet compare (a first run, a store
    /// that did not answer) is NOT_MEASURED in the reports and the run's verdict, but fails no scenario: only a regression does.
    /// </summary>
    [Then("no key figure regressed against the last {int} runs of this profile:")]
    public async Task ThenNoKeyFigureRegressed(int runs, Table figures)
    {
        var statement = new RegressionStatement(current.Record.TestId, runs, figures.Rows.Select(r => new RegressionRow(r["figure"], r["tolerated change"])).ToList());
        var results = await run.StateAsync(statement, current.Record);
        var (_, text) = CriteriaTable.Summarize(results);
        output.WriteLine(text);
        Assert.That(results.Where(r => r.Verdict == Verdict.Fail), Is.Empty, text);
    }

    /// <summary>
    /// Judged from the ramp's capacity model; a figure the ramp cannot support (too few loaded stages, a
    /// prediction past its reach) is NOT_MEASURED with the reason and fails no scenario: only a FAIL does.
    /// </summary>
    [Then("the deployment has headroom over the expected concurrency:")]
    public async Task ThenTheDeploymentHasHeadroom(Table criteria)
    {
        var results = await run.StateAsync(new HeadroomStatement(current.Record.TestId, Rows(criteria)), current.Record);
        foreach (var chart in run.ChartsOf(current.Record.TestId)) output.AddAttachment(chart);
        var (_, text) = CriteriaTable.Summarize(results);
        output.WriteLine(text);
        Assert.That(results.Where(r => r.Verdict == Verdict.Fail), Is.Empty, text);
    }

    /// <summary>The test's charts go with its own criteria, drawn after they were stated (a ramp's marks its breaking point).</summary>
    private async Task StateAsync(Statement statement, bool charts)
    {
        var results = await run.StateAsync(statement, current.Record);
        if (charts) foreach (var chart in run.ChartsOf(statement.Test)) output.AddAttachment(chart);
        var (passed, text) = CriteriaTable.Summarize(results);
        output.WriteLine(text);
        Assert.That(passed, Is.True, text);
    }
}
