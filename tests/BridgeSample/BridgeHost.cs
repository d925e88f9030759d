using MangaMotion.Acceptance.Bridge;
using NUnit.Framework;
using Reqnroll.Plugins;

[assembly: RuntimePlugin(typeof(NUnitBridgePlugin))]

/// <summary>Starts and ends the Reqnroll test run around every feature of the assembly.</summary>
[SetUpFixture]
public sealed class SampleTestRun : TestRunHooks;

namespace BridgeSample
{
    [FeatureFixtures("features")]
    public sealed class Features;
}
