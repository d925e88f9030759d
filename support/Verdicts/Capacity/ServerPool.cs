using MathNet.Numerics.Optimization;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// A pool of K servers, each serving one upload at a time for a mean of S seconds, with users thinking
/// Z seconds between uploads: the machine-repairman queue (exact for exponential service times), the shape
/// of a deployment whose uploads wait for one of a fixed number of workers, threads or connections. Its
/// throughput levels off at K / S and never turns down. Fitted to throughput against the uploads in service,
/// as the scalability law is: for each K, the S with the least squared error, and the K whose error is least.
/// </summary>
public sealed record ServerPool(int Servers, double ServiceSeconds, double ThinkSeconds, double ResidualSd, int Points) : ScalingLaw(ResidualSd, Points)
{
    public override int Parameters => 2;

    public override double PeakConcurrency => double.PositiveInfinity;

    public override double PeakThroughput => Servers / ServiceSeconds;

    public override string Name => Results.Capacity.CapacityFindings.PoolLaw;

    public override string Words => $"a pool of {Servers} server{(Servers == 1 ? "" : "s")} of {ServiceSeconds * 1000:0.#} ms each";

    private RepairmanQueue Queue => new(Servers, ServiceSeconds, ThinkSeconds);

    public override double Throughput(double concurrency) => Queue.Throughput(Queue.UsersFor(concurrency));

    public override (double Concurrency, double Throughput) AtUsers(double users, double think, bool holdPeak)
    {
        var x = Queue.Throughput(users);
        return (users - x * ThinkSeconds, x);
    }

    public override double SpreadMs(double users) => (Queue.ResponseP95(users) - Queue.MeanResponse(users)) * 1000;

    /// <summary>The pool that fits best; null without four levels, or when the knee lies past the ramp (see <see cref="Plausible"/>).</summary>
    public static ServerPool? Fit(IReadOnlyList<LoadPoint> points, double think) => Plausible(points, think) is { } pools ? pools.Best : null;

    /// <summary>
    /// The best pool and, of the pools the stages cannot tell from it (error within an F-test's 5 % of the best's),
    /// the one with the fewest servers and the one with the most: a ramp short of the knee fits a few servers
    /// about as well as several, and the interval must hold both. Null without four levels, or when a pool too
    /// large for any stage to queue fits within the noise of the best (the knee lies past the ramp).
    /// </summary>
    public static (ServerPool Best, ServerPool Fewest, ServerPool Most)? Plausible(IReadOnlyList<LoadPoint> points, double think)
    {
        if (points.Count < 4 || points.Any(p => p.Users <= 0 || p.Throughput <= 0)) return null;
        var first = points.MinBy(p => p.Users);
        var serviceAlone = first.Users / first.Throughput;
        var noise = 1 + ScalingLaws.OneDegreeF(points.Count - 2, 0.95) / (points.Count - 2);
        var floor = 1e-12 * points.Sum(p => p.Throughput * p.Throughput);
        double Within(double best) => best * noise + floor;
        var candidates = Candidates(points.Max(p => p.Users + p.Throughput * think)).ToList();
        var fits = new List<(int Servers, double Service, double Squares)>();
        foreach (var servers in candidates.SkipLast(1))
        {
            fits.Add(FitService(points, servers, serviceAlone, think));
            // Past the best the error climbs toward the straight line's: three climbs beyond the noise end the search.
            var best = fits.Min(f => f.Squares);
            if (fits.Count > 3 && fits.TakeLast(4).Zip(fits.TakeLast(3), (a, b) => b.Squares > a.Squares && b.Squares > Within(best)).All(climbed => climbed)) break;
        }
        var line = FitService(points, candidates[^1], serviceAlone, think);
        var least = Math.Min(fits.Count == 0 ? double.PositiveInfinity : fits.Min(f => f.Squares), line.Squares);
        if (line.Squares <= Within(least)) return null;
        ServerPool Pool((int Servers, double Service, double Squares) f) => new(f.Servers, f.Service, think, Math.Sqrt(f.Squares / (points.Count - 2)), points.Count);
        var plausible = fits.Where(f => f.Squares <= Within(least)).ToList();
        return (Pool(fits.MinBy(f => f.Squares)), Pool(plausible[0]), Pool(plausible[^1]));
    }

    /// <summary>
    /// Every count of servers up to 16, then 10 % apart, up to the ramp's most users: no stage could queue for a
    /// pool that large, so it stands for every larger one (throughput growing in a straight line).
    /// </summary>
    private static IEnumerable<int> Candidates(double mostUsers)
    {
        var top = Math.Max(2, (int)Math.Ceiling(mostUsers));
        for (var k = 1; k < top; k = k < 16 ? k + 1 : (int)Math.Ceiling(k * 1.1)) yield return k;
        yield return top;
    }

    private static (int Servers, double Service, double Squares) FitService(IReadOnlyList<LoadPoint> points, int servers, double serviceAlone, double think)
    {
        var most = points.Max(p => p.Users);
        double Squares(double logService)
        {
            var curve = new RepairmanQueue(servers, Math.Exp(logService), think).Curve(most);
            return points.Sum(p => Math.Pow(p.Throughput - RepairmanQueue.Along(curve, p.Users), 2));
        }
        var around = Math.Log(serviceAlone);
        var result = GoldenSectionMinimizer.Minimum(ObjectiveFunction.ScalarValue(Squares), around - Math.Log(3), around + Math.Log(3), 1e-4);
        return (servers, Math.Exp(result.MinimizingPoint), result.FunctionInfoAtMinimum.Value);
    }
}
