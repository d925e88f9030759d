using PickleTable = Io.Cucumber.Messages.Types.PickleTable;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Runs one scenario through the calls Reqnroll's generated NUnit code makes, in the same order:
/// runner per test, feature start (or switch), scenario initialize and start, each step, error
/// collection, scenario end, runner release.
/// </summary>
internal static class ScenarioExecutor
{
    public static async Task RunAsync(CatalogEntry entry, ScenarioPlan plan)
    {
        var featureInfo = entry.FeatureInfo!;
        var runner = TestRunnerManager.GetTestRunnerForAssembly(entry.TestAssembly, featureHint: featureInfo);
        try
        {
            await EnsureFeatureStartedAsync(runner, featureInfo);
            var rule = plan.Rule is null ? null : new RuleInfo(plan.Rule.Title, plan.Rule.Description, plan.Rule.Tags);
            var scenarioInfo = new ScenarioInfo(plan.Title, plan.Description, plan.Tags, plan.Arguments,
                plan.InheritedTags, plan.PickleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            runner.OnScenarioInitialize(scenarioInfo, rule);
            runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(TestContext.CurrentContext);
            var failedStep = await RunStepsAsync(runner, plan);
            await CollectErrorsAsync(runner, failedStep);
        }
        finally
        {
            try
            {
                if (runner.ScenarioContext is not null) await runner.OnScenarioEndAsync();
            }
            finally
            {
                TestRunnerManager.ReleaseTestRunner(runner);
            }
        }
    }

    private static async Task EnsureFeatureStartedAsync(ITestRunner runner, FeatureInfo featureInfo)
    {
        try
        {
            if (runner.FeatureContext is not null && !runner.FeatureContext.FeatureInfo.Equals(featureInfo))
                await runner.OnFeatureEndAsync();
        }
        finally
        {
            if (runner.FeatureContext is { BeforeFeatureHookFailed: true })
                throw new ReqnrollException("Scenario skipped because of previous before feature hook error");
            if (runner.FeatureContext is null) await runner.OnFeatureStartAsync(featureInfo);
        }
    }

    /// <summary>Executes the steps and returns the first one after which the scenario was no longer OK.</summary>
    private static async Task<PlannedStep?> RunStepsAsync(ITestRunner runner, ScenarioPlan plan)
    {
        if (plan.IsIgnored)
        {
            await runner.SkipScenarioAsync();
            return null;
        }
        await runner.OnScenarioStartAsync();
        PlannedStep? failed = null;
        foreach (var step in plan.Steps)
        {
            await StepCall(runner, step)(step.Text, step.DocString, ToTable(step.Table), step.Keyword);
            if (failed is null && runner.ScenarioContext.ScenarioExecutionStatus != ScenarioExecutionStatus.OK) failed = step;
        }
        return failed;
    }

    private static async Task CollectErrorsAsync(ITestRunner runner, PlannedStep? failedStep)
    {
        try
        {
            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception e) when (failedStep is not null && runner.ScenarioContext.ScenarioExecutionStatus == ScenarioExecutionStatus.TestError
                                  && e is not ResultStateException)
        {
            // A plain exception from a step: name the step in the failure, keep the original as inner.
            throw new StepFailedException(failedStep, e);
        }
        catch (ResultStateException e) when (failedStep is not null && e is not IgnoreException and not InconclusiveException)
        {
            TestContext.Out.WriteLine($"Failed step: {failedStep}");
            throw new AssertionException(OutputFilter.Apply($"Step failed: {failedStep}{Environment.NewLine}{e.Message}"), e);
        }
    }

    private static Func<string, string?, Table?, string, Task> StepCall(ITestRunner runner, PlannedStep step) => step.Kind switch
    {
        StepKind.Given => runner.GivenAsync,
        StepKind.When => runner.WhenAsync,
        StepKind.Then => runner.ThenAsync,
        StepKind.But => runner.ButAsync,
        _ => runner.AndAsync,
    };

    private static Table? ToTable(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0) return null;
        var result = new Table(table.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in table.Rows.Skip(1)) result.AddRow(row.Cells.Select(c => c.Value).ToArray());
        return result;
    }
}

/// <summary>
/// A step threw something other than an assertion: the test fails naming the step. The original is
/// carried as text through <see cref="OutputFilter"/>, not as an inner exception, because the test
/// framework prints inner exceptions' messages as they are.
/// </summary>
public sealed class StepFailedException(PlannedStep step, Exception inner)
    : Exception(OutputFilter.Apply($"Step failed: {step}{Environment.NewLine}{Describe(inner)}"))
{
    public override string? StackTrace { get; } = OutputFilter.Apply(inner.StackTrace ?? "");

    private static string Describe(Exception e) =>
        e.InnerException is null ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message}{Environment.NewLine}  ----> {Describe(e.InnerException)}";
}
