namespace MangaMotion.Acceptance.Results.Capacity;

/// <summary>A predicted figure with its 95 % interval; a null end is unbounded (the ramp cannot say).</summary>
public sealed record Predicted(double? Value, double? Low, double? High);

/// <summary>One ramp stage as the model read it (steady part only).</summary>
public sealed record CapacityStage(string Stage, double Users, double Throughput, double MeanMs, double P95Ms, double? QueueGrowthPerSecond);

/// <summary>Where something gives: the users at which it breaks (null: not within the model's reach).</summary>
public sealed record CapacityLimit(string What, Predicted Users, string Words)
{
    /// <summary>It already gives at the ramp's first stage: the users are an upper bound, since the ramp measured nothing below them.</summary>
    public bool AtFirstStage { get; init; }
}

/// <summary>The fitted curve at one number of users: throughput with its band, and the predicted upload P95.</summary>
public sealed record CapacityCurvePoint(double Users, double Throughput, double Low, double High, double P95Ms);

/// <summary>
/// The worker's queue at the expected users: the uploads arriving there (measured, else predicted) against the
/// worker's drain, how fast the queue grows (0: the worker keeps up; null: the ramp cannot say) and, when it
/// grows, the seconds from an empty queue until it passes the stated limit (null: no limit stated).
/// </summary>
public sealed record QueueOutlook(double Users, double ArrivalsPerSecond, double? GrowthPerSecond, double? Limit, double? SecondsToLimit, string Words);

/// <summary>
/// The capacity model of one ramp, as results.json keeps it: the stages read, the fitted law (a pool of
/// servers or the Universal Scalability Law), the peak, where each limit gives, the worker's drain against
/// the arrivals, and the curve to draw.
/// <see cref="Unfitted"/> says why nothing was predicted.
/// </summary>
public sealed record CapacityFindings(string Test, string? Unfitted, double LastUsers, double Reach, double ThinkSeconds, IReadOnlyList<CapacityStage> Stages)
{
    public const string PoolLaw = "server pool", ScalabilityLaw = "universal scalability law";

    /// <summary>Which law read the ramp (<see cref="PoolLaw"/> or <see cref="ScalabilityLaw"/>) and its fit in words.</summary>
    public string? Law { get; init; }
    public string? LawWords { get; init; }

    /// <summary>The pool's servers and each one's mean service time, when a pool read the ramp.</summary>
    public Predicted? Servers { get; init; }
    public Predicted? ServiceMs { get; init; }

    /// <summary>The scalability law's parameters, when it read the ramp.</summary>
    public Predicted? Lambda { get; init; }
    public Predicted? Sigma { get; init; }
    public Predicted? Kappa { get; init; }

    /// <summary>The most uploads per second the curve reaches (its peak, or the level it settles at) and at how many users; null values: not within reach.</summary>
    public Predicted? PeakThroughput { get; init; }
    public Predicted? PeakUsers { get; init; }

    /// <summary>Every limit the model could place, the first to give first.</summary>
    public IReadOnlyList<CapacityLimit> Limits { get; init; } = [];

    /// <summary>Jobs per second the worker drained where the queue grew; <see cref="WorkerDrainAtLeast"/> when it never fell behind.</summary>
    public double? WorkerDrainPerSecond { get; init; }
    public bool WorkerDrainAtLeast { get; init; }

    /// <summary>The worker's queue at <see cref="ExpectedUsers"/>, when both the drain and the upload rate there are known.</summary>
    public QueueOutlook? QueueAtExpected { get; init; }

    public IReadOnlyList<CapacityCurvePoint> Curve { get; init; } = [];

    /// <summary>The users a headroom statement expects (the N of "at least F × N"), when one was stated.</summary>
    public double? ExpectedUsers { get; init; }

    /// <summary>What gives first, in words.</summary>
    public string Summary { get; init; } = "";
}
