using MangaMotion.Acceptance.Load.Measurement;
namespace MangaMotion.Acceptance.Results.RunFile;

/// <summary>One step's figures over a test or a stage (latencies in milliseconds).</summary>
public sealed record StepRow
{
    public string Step { get; init; } = "";
    public long Requests { get; init; }
    public long Ok { get; init; }
    public long Failed { get; init; }
    /// <summary>Percent of requests that succeeded.</summary>
    public double SuccessRate { get; init; }
    public LatencySummary? LatencyMs { get; init; }
    public LatencySummary? CorrectedLatencyMs { get; init; }
    /// <summary>The whole-test histogram of <see cref="LatencyMs"/> (microseconds, HdrHistogram's compressed encoding, base64 in JSON): what runs are compared by.</summary>
    public byte[]? Histogram { get; init; }
    public Dictionary<string, long> StatusCodes { get; init; } = [];
    public Dictionary<string, long> ErrorClasses { get; init; } = [];
    /// <summary>A few examples of each error class, as answered (masked).</summary>
    public Dictionary<string, List<string>> Examples { get; init; } = [];
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
}

public sealed record StageRow(string Name, double Start, double End, double Users, List<StepRow>? Steps);
public sealed record SecondRow(double T, double ActiveUsers, double TargetUsers, long IterationsStarted, long Dropped, Dictionary<string, StepSecond>? Steps);
