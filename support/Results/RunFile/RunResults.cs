using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results.RunFile;

/// <summary>
/// A run's results as results.json holds them: written from these records and read back as the same
/// records, by the sign-off pages, history, baseline and the CLI. Every field but the schema is
/// optional: a refused run, an interrupted run or an older schema still reads, showing what is there.
/// </summary>
public sealed record RunResults
{
    /// <summary>
    /// 4: written from these records (booleans always written); tests carry every figure of their load generator and queue flow.
    /// 3: jobs count fates (fateUnknown, witnessed, completion times) instead of "vanished"; tests carry their
    /// queue backlog, flow and load generator; criteria their sample count; signOffReasons; partial; cleanup.
    /// 2: breaking points became objects (summary, stage, users, fromSeconds) instead of sentences.
    /// </summary>
    public const string CurrentSchema = "mangamotion-acceptance/results/4";

    public string Schema { get; init; } = "";
    public string Verdict { get; init; } = "INCOMPLETE";
    public string? SignOff { get; init; }
    /// <summary>Why the run may not sign a release off (empty when eligible, or in files before this field).</summary>
    public List<string> SignOffReasons { get; init; } = [];
    public string? Profile { get; init; }
    public string? Target { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Incomplete { get; init; }
    /// <summary>Why the run is partial (not every guide test ran), or null; a partial run is never the default baseline.</summary>
    public string? Partial { get; init; }
    public List<CriterionRow> Criteria { get; init; } = [];
    public List<ErrorClassification> Classifications { get; init; } = [];
    public List<BottleneckDiagnosis> Diagnoses { get; init; } = [];
    public List<ReadinessRow> Readiness { get; init; } = [];
    public List<ConfigurationFact> Configuration { get; init; } = [];
    public Dictionary<string, BreakingPoint> BreakingPoints { get; init; } = [];
    /// <summary>What was done to the deployment before the first test (the guide's Redis flush), if anything was asked.</summary>
    public string? Preparation { get; init; }
    /// <summary>What cleanup removed and could not remove, per component (empty before it ran).</summary>
    public List<string> Cleanup { get; init; } = [];
    public List<TimelineEvent> Timeline { get; init; } = [];
    public List<GuideTestResults> Tests { get; init; } = [];
    public List<SettingRow> Settings { get; init; } = [];
    public List<RefusedSettingRow> RefusedSettings { get; init; } = [];
    public SuiteRow? Suite { get; init; }
    /// <summary>The figures the scenarios compared with the run history, each with its interval and the runs compared.</summary>
    public List<History.FigureComparison> Comparisons { get; init; } = [];
    /// <summary>Where the history's figures shifted, this run included.</summary>
    public List<History.ChangePoint> ChangePoints { get; init; } = [];

    /// <summary>Each ramp's capacity model: the fit, the peak, where each limit gives, the worker's drain, the curve.</summary>
    public List<Capacity.CapacityFindings> Capacity { get; init; } = [];
    /// <summary>The history the run was compared with: its store, what could not be read, the earlier runs for the trend.</summary>
    public HistoryRow? History { get; init; }
}

/// <param name="Unavailable">why the store could not be read, or null</param>
/// <param name="Skipped">objects of the store that were not readable records, each with why</param>
public sealed record HistoryRow(string Store, string? Unavailable, List<string> Skipped, List<History.TrendRun> Runs);

public sealed record CriterionRow(string Id, string Title, string Verdict, double? Observed, string? Threshold, string? Unit, string? Evidence)
{
    public long? Samples { get; init; }
    public bool LowConfidence { get; init; }
    public bool AtLeast { get; init; }
    /// <summary>How the value was measured (queries, sources): technical detail behind the evidence.</summary>
    public string? Detail { get; init; }
}

public sealed record ReadinessRow(string Component, string State, string? Detail, string? SettingToCheck);


public sealed record SettingRow(string Name, string? Value, bool FromEnvironment);
public sealed record RefusedSettingRow(string Setting, string? Value, string? Problem, string? Accepted);
public sealed record SuiteRow(string? Version, string? Machine);
