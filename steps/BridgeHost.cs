using MangaMotion.Acceptance.Bridge;
using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Settings;
using NUnit.Framework;
using Reqnroll.Plugins;

// Everything this assembly needs from the bridge. With Reqnroll.NUnit installed instead, this file
// and the bridge reference go; feature files and step classes stay as they are.
[assembly: RuntimePlugin(typeof(NUnitBridgePlugin))]

/// <summary>Starts and ends the Reqnroll test run around every feature (outside any namespace, so it wraps them all).</summary>
[SetUpFixture]
public sealed class SuiteTestRun : TestRunHooks
{
    /// <summary>This run's folder, resolved once before any feature: the run's hooks write beside the formatters.</summary>
    public static RunFolder Folder { get; private set; } = null!;

    /// <summary>Points Reqnroll's formatters at this run's folder unless the user configured them.</summary>
    protected override void BeforeReqnrollStarts()
    {
        OutputFilter.Apply = Redaction.Mask;
        var folder = Folder = RunFolder.Resolve(AppContext.BaseDirectory, DateTimeOffset.UtcNow, Environment.GetEnvironmentVariable(RunFolder.Variable));
        SetIfUnset("REQNROLL_FORMATTERS_HTML", $"outputFilePath={folder.File("living-doc.html")}");
        SetIfUnset("REQNROLL_FORMATTERS_MESSAGE", $"outputFilePath={folder.File("cucumber-messages.ndjson")}");
        TestContext.Progress.WriteLine($"Reports of this run: {folder.Path}");
    }

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
    }
}

namespace MangaMotion.Acceptance.Specs
{
    /// <summary>One NUnit fixture per feature file under features/, one test per scenario or example row.</summary>
    [FeatureFixtures("features")]
    public sealed class Features;
}
