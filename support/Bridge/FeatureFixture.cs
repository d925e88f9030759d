using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// The NUnit fixture behind every feature. It keeps no per-test state (NUnit ignores
/// InstancePerTestCase on fixtures from a custom builder): each test takes its own Reqnroll test
/// runner for its duration, so parallel scenarios cannot mix up.
/// </summary>
public sealed class FeatureFixture(string uri)
{
    public string Uri { get; } = uri;

    public Task RunScenarioAsync(int pickleIndex)
    {
        var entry = FeatureCatalog.Get(Uri);
        if (!entry.Parsed.IsValid) Assert.Fail(entry.Parsed.ParseError ?? $"{Uri} could not be read");
        return ScenarioExecutor.RunAsync(entry, entry.Plans[pickleIndex]);
    }

    /// <summary>Ends the feature on every runner that ran it (AfterFeature hooks), as generated code does.</summary>
    [OneTimeTearDown]
    public async Task ReleaseFeatureAsync()
    {
        var entry = FeatureCatalog.Get(Uri);
        if (entry.FeatureInfo is not null) await TestRunnerManager.ReleaseFeatureAsync(entry.FeatureInfo, entry.TestAssembly);
    }
}
