using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>Judging what a test measured against the thresholds exactly as the scenario writes them.</summary>
[Binding]
public sealed class CriteriaSteps(SuiteRun run, CurrentTest current, IReqnrollOutputHelper output)
{
    private static IEnumerable<CriteriaRow> Rows(Table table) =>
        table.Rows.Select(r => new CriteriaRow(r["criterion"], r["threshold"], table.ContainsColumn("warning") ? r["warning"] : null));

    [Then("the test meets these criteria:")]
    public void ThenTheTestMeets(Table criteria) => Report(CriteriaTable.Judge(run.Verdicts, current.Record, Rows(criteria)));

    [Then("up to {int} users the test meets these criteria:")]
    public void ThenUpToUsersTheTestMeets(int users, Table criteria) => Report(CriteriaTable.Judge(run.Verdicts, current.Record, Rows(criteria), users));

    [Given("while it runs, the test is held to:")]
    public void GivenHeldWhileRunning(Table limits) => current.LimitsWhileRunning = Rows(limits).ToList();

    [Then("it held those limits while it ran")]
    public void ThenItHeldThoseLimits() => Report(CriteriaTable.JudgeHeld(run.Verdicts, current.Record, run.Tests.HeldLimitsOf(current.Record.TestId)));

    [Then("acceptance criterion {int} is met: {string}")]
    public void ThenAcceptanceCriterion(int number, string title, Table criteria) =>
        Report([CriteriaTable.Acceptance(run.Verdicts, number, title, CriteriaTable.Judge(run.Verdicts, current.Record, Rows(criteria)))]);

    private void Report(IReadOnlyList<CriterionResult> results)
    {
        var (passed, text) = CriteriaTable.Summarize(results);
        output.WriteLine(text);
        Assert.That(passed, Is.True, text);
    }
}
