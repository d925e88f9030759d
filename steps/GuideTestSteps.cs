using MangaMotion.Acceptance.Drivers;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

/// <summary>Running the guide's four tests (each at most once per run: a later scenario reads the same record).</summary>
[Binding]
public sealed class GuideTestSteps(SuiteRun run, CurrentTest current)
{
    [When("the concurrent uploads test runs")]
    [Given("the concurrent uploads test has run")]
    public async Task Uploads() => current.Record = await run.Tests.RunAsync("uploads");

    [When("the presign and S3 uploads test runs")]
    [Given("the presign and S3 uploads test has run")]
    public async Task Presign() => current.Record = await run.Tests.RunAsync("presign");

    [When("the worker processing test runs")]
    [Given("the worker processing test has run")]
    public async Task Worker() => current.Record = await run.Tests.RunAsync("worker");

    [When("the bottleneck detection test ramps the users up")]
    [Given("the bottleneck detection test has run")]
    public async Task Bottleneck() => current.Record = await run.Tests.RunAsync("bottleneck");
}
