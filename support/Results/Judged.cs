using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results;

// What the judge finds, as results.json holds it: produced by Verdicts, serialised and read back as they are.

/// <summary>A kind of error the guide's table names, how many, examples, and what the guide says it indicates.</summary>
public sealed record ErrorClassification(string Kind, long Count, IReadOnlyList<string> Examples, string Indicates);

/// <summary>A bottleneck the probes show the symptoms of, quoting them, with the guide's suggested solutions.</summary>
public sealed record BottleneckDiagnosis(string Kind, string Title, IReadOnlyList<string> Symptoms, IReadOnlyList<string> Solutions);

/// <summary>Where the ramp broke (Stage, Users and FromSeconds are null when it did not), with a sentence saying why.</summary>
[JsonConverter(typeof(RunFile.BreakingPointConverter))]
public sealed record BreakingPoint(string Summary, string? Stage, int? Users, double? FromSeconds)
{
    /// <summary>The users of the first stage whose break its own sampling noise cannot explain (null: none, or not judged).</summary>
    public int? CertainUsers { get; init; }

    public override string ToString() => Summary;
}

/// <summary>One moment of a test worth knowing when something broke: seconds into the test and the wall-clock time (absent in files that did not record it).</summary>
public sealed record TimelineEvent(string Test, double AtSeconds, DateTimeOffset? At, string Event);

/// <summary>
/// The queue around a test: its depth when the run began (the level earlier tests should drain back
/// to), when this test started and how long the test waited for it to drain first.
/// </summary>
public sealed record QueueBacklog(double? RunLevel, double? AtStart, double WaitedSeconds, string? Note)
{
    /// <summary>Jobs queued ahead of this test's own, left by earlier tests.</summary>
    public double Behind => RunLevel is { } level && AtStart is { } start ? Math.Max(0, start - level) : 0;
}
