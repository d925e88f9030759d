using NUnit.Framework;
using Reqnroll;

namespace BridgeSample;

/// <summary>The scenario hooks that ran for the current scenario, in order (one instance per scenario).</summary>
public sealed class HookTrail
{
    public List<string> Events { get; } = [];
}

[Binding]
public sealed class Hooks(HookTrail trail)
{
    public static string LogPath => Environment.GetEnvironmentVariable("SAMPLE_HOOK_LOG") ?? Path.Combine(AppContext.BaseDirectory, "hooks.log");
    private static bool _testRunStarted;

    [BeforeTestRun]
    public static void BeforeTestRun()
    {
        File.WriteAllText(LogPath, "BeforeTestRun\n");
        _testRunStarted = true;
    }

    [BeforeFeature]
    public static void BeforeFeature(FeatureContext feature) => feature["started"] = _testRunStarted;

    [BeforeScenario(Order = 2)]
    public void Second() => trail.Events.Add("BeforeScenario(2)");

    [BeforeScenario(Order = 1)]
    public void First() => trail.Events.Add("BeforeScenario(1)");

    [BeforeScenario("tagged", Order = 3)]
    public void Tagged() => trail.Events.Add("BeforeScenario(tagged)");

    [AfterScenario]
    public void After(ScenarioContext scenario) =>
        File.AppendAllText(LogPath, $"AfterScenario({scenario.ScenarioInfo.Title}: {scenario.ScenarioExecutionStatus})\n");

    [AfterTestRun]
    public static void AfterTestRun() => File.AppendAllText(LogPath, "AfterTestRun\n");
}

[Binding]
public sealed class HookSteps(HookTrail trail, FeatureContext feature)
{
    [Given("the hook log is open")]
    public void GivenTheHookLogIsOpen() => Assert.That(feature["started"], Is.True, "BeforeFeature ran after BeforeTestRun");

    [Then("the hooks so far are {string}")]
    public void ThenTheHooksSoFarAre(string expected) => Assert.That(string.Join(", ", trail.Events), Is.EqualTo(expected));
}
