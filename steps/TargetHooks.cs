using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using NUnit.Framework;
using Reqnroll;
using Reqnroll.BoDi;

namespace MangaMotion.Acceptance.Specs;

/// <summary>
/// The run's target and record: settings are read and checked before anything else (a refusal fails
/// the run naming each setting), the embedded stack starts when no deployment is named, and at the
/// end results.json is written, the run's own data removed, and everything started is stopped.
/// </summary>
[Binding]
public sealed class TargetHooks
{
    private static SuiteRun? _run;

    [BeforeTestRun(Order = 0)]
    public static void ResolveTarget(IObjectContainer container)
    {
        var folder = Environment.GetEnvironmentVariable(RunFolder.Variable) ?? RunFolder.Resolve(AppContext.BaseDirectory, DateTimeOffset.UtcNow, null).Path;
        SuiteSettings settings;
        try { settings = SettingsReader.FromEnvironment(); }
        catch (InvalidSettingsException refused)
        {
            // Nothing runs; the report says why, naming every setting and what it accepts.
            File.WriteAllText(Path.Combine(folder, "results.json"), ResultsDocument.RenderRefusal(refused.Errors, DateTimeOffset.UtcNow));
            TestContext.Progress.WriteLine(refused.Message);
            throw;
        }
        var target = SuiteTarget.Resolve(settings);
        _run = new SuiteRun(target, folder, line => TestContext.Progress.WriteLine(line));
        container.RegisterInstanceAs(target);
        container.RegisterInstanceAs(_run);
    }

    [AfterTestRun]
    public static async Task FinishRun()
    {
        if (_run is null) return;
        try
        {
            if (_run.Tests.Completed.Any() || _run.Verdicts.Criteria.Count > 0 || !_run.Target.Settings.UsesEmbeddedStack || _run.Verdicts.Readiness.Count > 0)
            {
                TestContext.Progress.WriteLine($"results: {await _run.WriteResultsAsync(interrupted: false, why: null)}");
                TestContext.Progress.WriteLine(await _run.CleanUpAsync());
            }
        }
        finally
        {
            await _run.DisposeAsync();
            await _run.Target.DisposeAsync();
        }
    }
}
