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
        try
        {
            settings = SettingsReader.FromEnvironment();
            var reportsRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!;
            if (BaselineLocator.Check(reportsRoot, settings.BaselineRun) is { } baselineProblem)
                throw new InvalidSettingsException([new SettingError(SettingsCatalog.BaselineRun.Name, settings.BaselineRun, baselineProblem, "previous, none, or the folder name of an earlier run")]);
        }
        catch (InvalidSettingsException refused)
        {
            // Nothing runs; the reports say why, naming every setting and what it accepts.
            File.WriteAllText(Path.Combine(folder, "results.json"), ResultsDocument.RenderRefusal(refused.Errors, DateTimeOffset.UtcNow));
            foreach (var page in SignoffWriter.TryWrite(folder, SignoffOptions.Default, Say, appendToJobSummary: true)) Say($"sign-off: {page}");
            Say(refused.Message);
            throw;
        }
        var target = SuiteTarget.Resolve(settings);
        _run = new SuiteRun(target, folder, Say);
        // Ctrl+C, SIGTERM, SIGHUP: load stops, the reports are written marked incomplete, the stack is stopped.
        _run.Interruption.OnSignals(_run.FinishAsync, TimeSpan.FromSeconds(45));
        container.RegisterInstanceAs(target);
        container.RegisterInstanceAs(_run);
    }

    /// <summary>A line for the console while the run goes on, masked like every other output.</summary>
    private static void Say(string line) => TestContext.Progress.WriteLine(Redaction.Mask(line));

    [AfterTestRun]
    public static async Task FinishRun()
    {
        if (_run is not null) await _run.FinishAsync();
    }
}
