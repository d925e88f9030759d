using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;
using Reqnroll;
using Reqnroll.BoDi;

namespace MangaMotion.Acceptance.Specs;

/// <summary>
/// The run's target: settings are read and checked before anything else (a refusal fails the run
/// naming each setting), and the embedded stack is started when no deployment is named.
/// </summary>
[Binding]
public sealed class TargetHooks
{
    private static SuiteTarget? _target;

    [BeforeTestRun(Order = 0)]
    public static void ResolveTarget(IObjectContainer container)
    {
        _target = SuiteTarget.Resolve(SettingsReader.FromEnvironment());
        container.RegisterInstanceAs(_target);
    }

    [AfterTestRun]
    public static async Task StopTarget()
    {
        if (_target is not null) await _target.DisposeAsync();
    }
}
