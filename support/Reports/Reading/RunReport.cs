using System.Text.Json;

namespace MangaMotion.Acceptance.Reports.Reading;

/// <summary>
/// results.json as the sign-off pages read it. Every field is optional: a refused run, an interrupted
/// run or an older schema still renders, showing what is there and saying what is not.
/// </summary>
public sealed record RunReport
{
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
    public List<string> Cleanup { get; init; } = [];
    public List<CriterionRow> Criteria { get; init; } = [];
    public List<ClassificationRow> Classifications { get; init; } = [];
    public List<DiagnosisRow> Diagnoses { get; init; } = [];
    public List<ReadinessRow> Readiness { get; init; } = [];
    public List<ConfigurationRow> Configuration { get; init; } = [];
    public Dictionary<string, BreakingPointRow> BreakingPoints { get; init; } = [];
    public List<TestReport> Tests { get; init; } = [];
    public List<TimelineRow> Timeline { get; init; } = [];
    public List<SettingRow> Settings { get; init; } = [];
    public List<RefusedSettingRow> RefusedSettings { get; init; } = [];
    public SuiteRow? Suite { get; init; }
}

public sealed record CriterionRow(string Id, string Title, string Verdict, double? Observed, string? Threshold, string? Unit, string? Evidence)
{
    public long? Samples { get; init; }
    public bool LowConfidence { get; init; }
    public bool AtLeast { get; init; }
}
public sealed record ClassificationRow(string Kind, long Count, List<string>? Examples, string? Indicates);
public sealed record DiagnosisRow(string Kind, string Title, List<string>? Symptoms, List<string>? Solutions);
public sealed record ReadinessRow(string Component, string State, string? Detail, string? SettingToCheck);
public sealed record ConfigurationRow(string Component, string Name, string? Value, string? GuideAdvice, bool DiffersFromGuide);
[System.Text.Json.Serialization.JsonConverter(typeof(BreakingPointRowConverter))]
public sealed record BreakingPointRow(string Summary, string? Stage, int? Users, double? FromSeconds);
public sealed record TimelineRow(string Test, double AtSeconds, DateTimeOffset? At, string Event);
public sealed record SettingRow(string Name, string? Value, bool FromEnvironment);
public sealed record RefusedSettingRow(string Setting, string? Value, string? Problem, string? Accepted);
public sealed record SuiteRow(string? Version, string? Machine);

public sealed record TestReport
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Applied { get; init; }
    public JsonElement? Model { get; init; }
    public double DurationSeconds { get; init; }
    public string? StoppedEarly { get; init; }
    public IterationsRow? Iterations { get; init; }
    public List<string> IterationErrors { get; init; } = [];
    public JobsRow? Jobs { get; init; }
    public List<StepRow> Steps { get; init; } = [];
    public List<StageRow> Stages { get; init; } = [];
    public List<SecondRow> Series { get; init; } = [];
    public InfrastructureRow? Infrastructure { get; init; }
    public BacklogRow? Backlog { get; init; }
    public QueueRow? Queue { get; init; }
    public LoadGeneratorRow? LoadGenerator { get; init; }

    public long Dropped => Iterations?.Dropped ?? Series.Sum(s => s.Dropped);
}

/// <summary>The load generator's watch of itself during a test: saturated means its own delay is inside the latencies.</summary>
public sealed record LoadGeneratorRow(bool Saturated, List<string>? Reasons, string? Summary);
public sealed record BacklogRow(double? RunLevel, double? AtStart, double WaitedSeconds, string? Note, double Behind);
public sealed record QueueRow(string Summary, bool WorkerBehind, double ArrivalsPerSecond, double DrainedPerSecond, double BacklogPerSecond, double DepthAtStart, double DepthAtEnd);
public sealed record IterationsRow(long Planned, long Started, long Completed, long Failed, long Interrupted, long Dropped);
/// <summary>A test's jobs; <see cref="Vanished"/> is schema 2's count of not_found jobs, read as fate unknown.</summary>
public sealed record JobsRow(long Created, long Completed, long Failed, long TimedOut, long Vanished, List<string>? FailedReasons)
{
    public long FateUnknown { get; init; }
    public long Witnessed { get; init; }
    public List<string> Witnesses { get; init; } = [];
    public CompletionRow? CompletionSeconds { get; init; }
    public long Unknown => FateUnknown + Vanished;
}

public sealed record CompletionRow(long Count, double? P50, double? P95, double? Max);

public sealed record StepRow
{
    public string Step { get; init; } = "";
    public long Requests { get; init; }
    public long Ok { get; init; }
    public long Failed { get; init; }
    public double SuccessRate { get; init; }
    public LatencyRow? LatencyMs { get; init; }
    public LatencyRow? CorrectedLatencyMs { get; init; }
    public Dictionary<string, long> StatusCodes { get; init; } = [];
    public Dictionary<string, long> ErrorClasses { get; init; } = [];
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
}

public sealed record LatencyRow(long Count, double Min, double Mean, double P50, double P90, double P95, double P99, double Max);
public sealed record StageRow(string Name, double Start, double End, double Users, List<StepRow>? Steps);
public sealed record SecondRow(double T, double ActiveUsers, double TargetUsers, long IterationsStarted, long Dropped, Dictionary<string, SecondStepRow>? Steps);
public sealed record SecondStepRow(long Requests, long Errors, double P50, double P95, double P99);
public sealed record InfrastructureRow(double SamplerBusyShare, List<SampleRow>? Samples);
public sealed record SampleRow(double T, string Probe, Dictionary<string, double>? Values, List<string>? Details, bool Ok);
