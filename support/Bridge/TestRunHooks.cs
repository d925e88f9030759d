using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Derive one [SetUpFixture] in the test assembly's root namespace from this: it starts the Reqnroll
/// test run (BeforeTestRun hooks, formatters) and ends it (AfterTestRun hooks, formatter flush).
/// </summary>
public abstract class TestRunHooks
{
    [OneTimeSetUp]
    public async Task StartTestRunAsync()
    {
        BeforeReqnrollStarts();
        await TestRunnerManager.OnTestRunStartAsync(GetType().Assembly);
    }

    [OneTimeTearDown]
    public Task EndTestRunAsync() => TestRunnerManager.OnTestRunEndAsync(GetType().Assembly);

    /// <summary>Runs before the runtime reads its configuration: the place to point formatters at a run folder.</summary>
    protected virtual void BeforeReqnrollStarts()
    {
    }
}
