using MangaMotion.Acceptance.Drivers.Modes;
using MangaMotion.Acceptance.Target;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// The one composition root of a run, for every entry point (the Reqnroll hooks through <see cref="SuiteStart"/>
/// and <see cref="SuiteRun"/>, and the follower agents' program): the mode the settings ask for and the guide
/// tests' pipeline built on it. Nothing else news up the pipeline.
/// </summary>
public static class RunComposition
{
    public static GuideTests GuideTests(SuiteTarget target, string runId, string logFolder, Action<string> say, RunInterruption interruption, Func<Task> afterEachTest) =>
        new(target, runId, logFolder, say, interruption, RunMode.For(target.Settings, interruption, say), afterEachTest);
}
