using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Target;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// The composition of a run: settings read and checked before anything else (a refusal writes the
/// reports naming each setting and what it accepts, then fails the run), the target resolved (the
/// embedded stack starts when no deployment is named), and the run that owns them, stopped on a signal.
/// </summary>
public static class SuiteStart
{
    /// <param name="folder">the run's folder, as the test run resolved it</param>
    /// <param name="say">a console line (already masked by the caller's rule or not: every line is masked here)</param>
    /// <exception cref="InvalidSettingsException">after the refusal's reports are written</exception>
    public static SuiteRun Begin(string folder, Action<string> say)
    {
        void Say(string line) => say(Redaction.Mask(line));
        SuiteSettings settings;
        try
        {
            settings = SettingsReader.FromEnvironment();
            var reportsRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!;
            if (BaselineLocator.Check(reportsRoot, settings.BaselineRun) is { } baselineProblem && !InHistory(settings, reportsRoot, ref baselineProblem))
                throw new InvalidSettingsException([new SettingError(SettingsCatalog.BaselineRun.Name, settings.BaselineRun, baselineProblem, "previous, none, or the folder name of an earlier run")]);
            // The features judge the whole run: only agent 0 runs them; a follower applying its share here would judge a share as a run.
            if (settings.Agents is { Count: > 1, Leads: false, MergeOnly: false } follower)
                throw new InvalidSettingsException([new SettingError("AGENT_INDEX", follower.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"agent {follower.Index} of AGENTS={follower.Count} follows agent 0: it runs ./acceptance agent, not the features (./acceptance run, dotnet test)",
                    "0 for the process that runs the features; agents 1 to AGENTS-1 run ./acceptance agent")]);
        }
        catch (InvalidSettingsException refused)
        {
            // Nothing runs; the reports say why, naming every setting and what it accepts.
            File.WriteAllText(Path.Combine(folder, "results.json"), ResultsDocument.RenderRefusal(refused.Errors, DateTimeOffset.UtcNow));
            foreach (var page in SignoffWriter.TryWrite(folder, SignoffOptions.Default, Say, appendToJobSummary: true)) Say($"sign-off: {page}");
            Say(refused.Message);
            throw;
        }
        var run = new SuiteRun(SuiteTarget.Resolve(settings), folder, Say);
        // Ctrl+C, SIGTERM, SIGHUP: load stops, the reports are written marked incomplete, the stack is stopped.
        run.Interruption.OnSignals(run.FinishAsync, TimeSpan.FromSeconds(45));
        return run;
    }

    /// <summary>A run another machine recorded is a baseline too: BASELINE_RUN is looked up in the history store before it is refused.</summary>
    private static bool InHistory(SuiteSettings settings, string reportsRoot, ref string problem)
    {
        using var store = new History.HistoryStore(settings.History, settings.S3, reportsRoot) { Patience = TimeSpan.FromSeconds(20) };
        var runs = store.ReadRunNamesAsync().GetAwaiter().GetResult();
        if (runs.Names?.Contains(settings.BaselineRun.Trim()) == true) return true;
        problem += runs.Unavailable is { } why ? $"; the history store {store.Describe()} could not be read ({why})" : $", nor in the history store {store.Describe()}";
        return false;
    }
}
