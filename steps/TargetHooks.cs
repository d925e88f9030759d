using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Reports;
using NUnit.Framework;
using Reqnroll;
using Reqnroll.BoDi;

namespace MangaMotion.Acceptance.Specs;

/// <summary>
/// The run's hooks: before any feature, the run is composed (<see cref="SuiteStart"/>) in the folder the
/// test run resolved, and its target and record are given to the steps; after the last one, the reports
/// are written, the run's own data removed and everything started stopped.
/// </summary>
[Binding]
public sealed class TargetHooks
{
    private static SuiteRun? _run;

    [BeforeTestRun(Order = 0)]
    public static void ResolveTarget(IObjectContainer container)
    {
        _run = SuiteStart.Begin(SuiteTestRun.Folder.Path, TestContext.Progress.WriteLine);
        container.RegisterInstanceAs(_run.Target);
        container.RegisterInstanceAs(_run);
    }

    [AfterTestRun]
    public static async Task FinishRun()
    {
        if (_run is not null) await _run.FinishAsync();
    }
}
