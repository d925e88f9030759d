using MathNet.Numerics.Distributions;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// Which law reads a ramp: a pool of servers (two parameters, levels off at its ceiling) unless the
/// scalability law (three, may turn down) fits the stages clearly better: an F-test on the extra parameter
/// at 0.1 %. A pool is the common shape (workers, threads, connections) and the law's curve through a pool's
/// rising part peaks well below the pool's ceiling (13.5 % below from a ramp to 80 % of a 4-server pool,
/// even without noise); the law wins where throughput bends gradually or falls, which a pool cannot draw.
/// </summary>
public static class ScalingLaws
{
    public const double LawSignificance = 0.001;

    /// <summary>The law that reads the stages.</summary>
    public static ScalingLaw? Fit(IReadOnlyList<LoadPoint> points, double think) => Readings(points, think).FirstOrDefault();

    /// <summary>
    /// The law that reads the stages first, then, when a pool reads them, the pools with the fewest and the most
    /// servers the stages cannot tell from the best: a bootstrap round keeps them all, so its interval holds them.
    /// </summary>
    public static IReadOnlyList<ScalingLaw> Readings(IReadOnlyList<LoadPoint> points, double think)
    {
        var usl = UslFit.Fit(points);
        if (ServerPool.Plausible(points, think) is not var (pool, fewest, most)) return usl is null ? [] : [usl];
        if (usl is not null && points.Count > usl.Parameters)
        {
            var freedom = points.Count - usl.Parameters;
            var gain = (pool.SumOfSquares - usl.SumOfSquares) / Math.Max(usl.SumOfSquares / freedom, 1e-300);
            if (gain > OneDegreeF(freedom, 1 - LawSignificance)) return [usl];
        }
        return new[] { pool, fewest, most }.DistinctBy(p => p.Servers).ToList();
    }

    /// <summary>
    /// The <paramref name="p"/> quantile of the F distribution with 1 and <paramref name="freedom"/> degrees of freedom,
    /// as the square of Student's t: MathNet's own F quantile searches a bounded range and fails where the quantile lies
    /// past it (one degree of freedom at 99.9 %: about 405,000, the four stages the model accepts).
    /// </summary>
    public static double OneDegreeF(int freedom, double p) => Math.Pow(StudentT.InvCDF(0, 1, freedom, (1 + p) / 2), 2);
}
