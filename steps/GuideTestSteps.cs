using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>Running the guide's four tests (each at most once per run: a later scenario reads the same record).</summary>
[Binding]
public sealed class GuideTestSteps(SuiteRun run, CurrentTest current, IReqnrollOutputHelper output)
{
    [When("the concurrent uploads test runs")]
    [Given("the concurrent uploads test has run")]
    public Task Uploads() => RunAsync(GuideTest.Uploads);

    [When("the presign and S3 uploads test runs")]
    [Given("the presign and S3 uploads test has run")]
    public Task Presign() => RunAsync(GuideTest.Presign);

    [When("the worker processing test runs")]
    [Given("the worker processing test has run")]
    public Task Worker() => RunAsync(GuideTest.Worker);

    [When("the bottleneck detection test ramps the users up")]
    [Given("the bottleneck detection test has run")]
    public Task Bottleneck() => RunAsync(GuideTest.Bottleneck);

    /// <summary>Runs (or reuses) the test and states in the living documentation what load was applied (its charts come with its criteria).</summary>
    private async Task RunAsync(string test)
    {
        var limits = current.LimitsWhileRunning.Select(l => HeldLimits.Parse(test, l.Criterion, l.Threshold)).ToList();
        current.Record = await run.Tests.RunAsync(test, limits);
        output.WriteLine(Describe(current.Record));
    }

    private static string Describe(GuideTestRecord r) =>
        $"{r.Title}: {r.Applied}; the release profile would apply {r.ReleaseWouldApply}. " +
        $"Ran {r.Load.ActualDuration.TotalSeconds:0.0} s: " + string.Join("; ", r.Load.Steps.Select(s => $"{s.Step} {s.Requests} requests, {s.SuccessRate:P1} ok, p95 {s.Latency.P95:0} ms")) +
        (r.Load.Generator is { } g ? $". {g.State()}" : "");
}
