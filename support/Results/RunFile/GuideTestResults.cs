using MangaMotion.Acceptance.Load.Measurement;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results.RunFile;

/// <summary>One guide test of a run: what it applied, its steps' figures, its jobs, queue, generator and probe samples.</summary>
public sealed record GuideTestResults
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Applied { get; init; }
    /// <summary>What the release profile would have applied in its place (how far short a shortened run fell).</summary>
    public string? ReleaseWouldApply { get; init; }
    /// <summary>The load model's plan: a sentence (schemas 1-4 wrote it as a string; kept as read).</summary>
    public JsonElement? Model { get; init; }
    public double DurationSeconds { get; init; }
    public string? StoppedEarly { get; init; }
    public IterationCounts? Iterations { get; init; }
    public List<string> IterationErrors { get; init; } = [];
    public JobsRow? Jobs { get; init; }
    public LoadGeneratorRow? LoadGenerator { get; init; }
    public QueueBacklog? Backlog { get; init; }
    public QueueRow? Queue { get; init; }
    public List<StepRow> Steps { get; init; } = [];
    public List<StageRow> Stages { get; init; } = [];
    public List<SecondRow> Series { get; init; } = [];
    public InfrastructureSeries? Infrastructure { get; init; }
    /// <summary>The load agents that applied the test together, each with its share and figures (absent for one machine).</summary>
    public List<AgentRow>? Agents { get; init; }

    [JsonIgnore] public long Dropped => Iterations?.Dropped ?? Series.Sum(s => s.Dropped);
}

/// <summary>One load agent's part of a test: its share, requests, its generator's state, its clock's offset at the start barrier, or why it is missing.</summary>
public sealed record AgentRow(int Index, string Share, long Requests, bool Saturated, string? Generator, double? ClockSkewMs, string? Missing)
{
    public string Describe() => Missing is { } why ? $"agent {Index}: MISSING ({why})"
        : $"agent {Index}: {Share}, {Requests:#,0} requests, {(Saturated ? "generator SATURATED" : "generator not saturated")}{(ClockSkewMs is { } s ? $", clock {s:0} ms from the store's" : "")}";
}

/// <summary>The load generator's watch of itself during a test: saturated means its own delay is inside the latencies.</summary>
public sealed record LoadGeneratorRow(bool Saturated, List<string>? Reasons, string? Summary)
{
    public double? CpuMedianPercent { get; init; }
    public double? CpuMaxPercent { get; init; }
    public int CpuSamples { get; init; }
    public int Cores { get; init; }
    public double TimerLateP95Ms { get; init; }
    public double TimerLateMaxMs { get; init; }
    public long TimerSamples { get; init; }
    public double? ArrivalLateP95Ms { get; init; }
    public long Arrivals { get; init; }
    public long DroppedArrivals { get; init; }

    /// <summary>The whole machine's busy share for the median second; null where it could not be read.</summary>
    public double? MachineCpuMedianPercent { get; init; }

    /// <summary>The machine was nearly full (every process): tail latencies may include waiting for a core.</summary>
    public bool Crowded { get; init; }
}


public sealed record QueueRow(string Summary, bool WorkerBehind, double ArrivalsPerSecond, double DrainedPerSecond, double BacklogPerSecond, double DepthAtStart, double DepthAtEnd)
{
    public double SuiteArrivalsPerSecond { get; init; }
    public double Seconds { get; init; }
    public double? DrainSecondsLeft { get; init; }
}


/// <summary>A test's jobs; <see cref="Vanished"/> is schema 2's count of not_found jobs, read as fate unknown.</summary>
public sealed record JobsRow(long Created, long Completed, long Failed, long TimedOut, List<string>? FailedReasons)
{
    public long FateUnknown { get; init; }
    public long Witnessed { get; init; }
    public List<string> Witnesses { get; init; } = [];
    public List<string> UnrecognisedStates { get; init; } = [];
    public double WindowSeconds { get; init; }
    public CompletionRow? CompletionSeconds { get; init; }
    /// <summary>Only in schema 2 files; never written.</summary>
    public long? Vanished { get; init; }
    [JsonIgnore] public long Unknown => FateUnknown + (Vanished ?? 0);
}

public sealed record CompletionRow(long Count, double? P50, double? P95, double? Max);
