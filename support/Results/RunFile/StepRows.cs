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
    public LatencyRow? LatencyMs { get; init; }
    public LatencyRow? CorrectedLatencyMs { get; init; }
    public Dictionary<string, long> StatusCodes { get; init; } = [];
    public Dictionary<string, long> ErrorClasses { get; init; } = [];
    /// <summary>A few examples of each error class, as answered (masked).</summary>
    public Dictionary<string, List<string>> Examples { get; init; } = [];
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
}

public sealed record LatencyRow(long Count, double Min, double Mean, double P50, double P90, double P95, double P99, double Max);
public sealed record StageRow(string Name, double Start, double End, double Users, List<StepRow>? Steps);
public sealed record SecondRow(double T, double ActiveUsers, double TargetUsers, long IterationsStarted, long Dropped, Dictionary<string, SecondStepRow>? Steps);
public sealed record SecondStepRow(long Requests, long Errors, double P50, double P95, double P99);
public sealed record InfrastructureRow(double SamplerBusyShare, List<SampleRow>? Samples);

/// <summary>One probe reading on the test's clock (seconds); Error replaces the values of a failed reading.</summary>
public sealed record SampleRow(double T, string Probe, Dictionary<string, double>? Values, List<string>? Details, bool Ok)
{
    public string? Error { get; init; }
    public double Millis { get; init; }
}
