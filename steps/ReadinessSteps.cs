using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Probes;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>The guide's pre-test checklist.</summary>
[Binding]
public sealed class ReadinessSteps(SuiteRun run, IReqnrollOutputHelper output)
{
    private IReadOnlyList<ReadinessLine> _lines = [];

    [When("the pre-test checklist runs")]
    public async Task WhenTheChecklistRuns() => _lines = await run.CheckReadinessAsync();

    [Then("no component fails the checklist")]
    public void ThenNoComponentFails()
    {
        output.WriteLine(string.Join(Environment.NewLine, _lines));
        Assert.That(_lines.Where(l => l.State == ReadinessState.Failed), Is.Empty, string.Join(Environment.NewLine, _lines));
    }

    [Then("the checklist names each component:")]
    public void ThenEachComponentIsNamed(Table components) =>
        Assert.That(_lines.Select(l => l.Component), Is.SupersetOf(components.Rows.Select(r => r["component"])));
}
