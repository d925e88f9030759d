namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>One loaded level: N uploads in service at once (the <see cref="Users"/> of the law) and the completed throughput X there (per second).</summary>
public readonly record struct LoadPoint(double Users, double Throughput);

/// <summary>A parameter with its 95 % interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    public bool Holds(double truth) => truth >= Low && truth <= High;
}

/// <summary>
/// A curve of throughput against the uploads in service, fitted to a ramp's stages: the scalability law
/// (<see cref="UslFit"/>) or a pool of servers (<see cref="ServerPool"/>). Everything the capacity model
/// predicts goes through these members, so a law is added in one place.
/// </summary>
public abstract record ScalingLaw(double ResidualSd, int Points)
{
    /// <summary>Fitted parameters, for the residuals' degrees of freedom.</summary>
    public abstract int Parameters { get; }

    /// <summary>Uploads per second with <paramref name="concurrency"/> uploads in service.</summary>
    public abstract double Throughput(double concurrency);

    /// <summary>The uploads in service at the curve's peak; +∞ when it levels off instead.</summary>
    public abstract double PeakConcurrency { get; }

    /// <summary>The highest throughput the curve reaches or approaches; +∞ when it never levels.</summary>
    public abstract double PeakThroughput { get; }

    /// <summary>Which law this is, as results.json names it (<see cref="Results.Capacity.CapacityFindings.PoolLaw"/> and its sibling).</summary>
    public abstract string Name { get; }

    /// <summary>The law and its parameters in words, for the evidence.</summary>
    public abstract string Words { get; }

    public double SumOfSquares => ResidualSd * ResidualSd * Math.Max(1, Points - Parameters);

    /// <summary>The throughput served at <paramref name="concurrency"/>: past the peak held there when <paramref name="holdPeak"/>.</summary>
    public double Served(double concurrency, bool holdPeak) => Throughput(holdPeak && concurrency > PeakConcurrency ? PeakConcurrency : concurrency);

    /// <summary>
    /// The uploads in service and the throughput when <paramref name="users"/> users upload with <paramref name="think"/>
    /// seconds between: the concurrency c where c + X(c) × think = users.
    /// </summary>
    public virtual (double Concurrency, double Throughput) AtUsers(double users, double think, bool holdPeak)
    {
        double low = 0, high = Math.Max(1, users);
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            if (middle + Served(middle, holdPeak) * think < users) low = middle; else high = middle;
        }
        var c = (low + high) / 2;
        return (c, Served(c, holdPeak));
    }

    /// <summary>How far the law puts a response's P95 above its mean at <paramref name="users"/>, in ms; 0 for a law that says nothing of the spread.</summary>
    public virtual double SpreadMs(double users) => 0;
}
