namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// Intervals for the fit and for anything computed from it (the peak, the users where a latency crosses
/// its limit) by bootstrap with a fixed seed: 400 rounds of the fitted curve plus the measured residuals drawn
/// again, and 400 of the stages themselves drawn again (with replacement: the noise in each stage's
/// concurrency too), each refitted. Each round reads its levels as the ramp's own were read, keeping every
/// reading its levels cannot tell apart, so the interval holds the doubt about which law (and which pool)
/// reads the stages as well as about its parameters. A figure unbounded in more than 2.5 % of the refits has
/// no upper end: the stages cannot say how high it goes.
/// </summary>
public sealed class LawBootstrap
{
    public const int Rounds = 400;
    private const int Seed = 20261205;

    public ScalingLaw Fit { get; }
    public IReadOnlyList<ScalingLaw> Refits { get; }

    private LawBootstrap(ScalingLaw fit, IReadOnlyList<ScalingLaw> refits) => (Fit, Refits) = (fit, refits);

    /// <param name="readings">the laws read from a set of levels, the one that reads them first and then any the interval must hold too; none when nothing fits</param>
    public static LawBootstrap? Of(IReadOnlyList<LoadPoint> points, Func<IReadOnlyList<LoadPoint>, IReadOnlyList<ScalingLaw>> readings)
    {
        if (readings(points).FirstOrDefault() is not { } law) return null;
        // Residuals from fitted parameters are smaller than the noise: scaled back by √(n / (n − p)).
        var inflate = Math.Sqrt((double)points.Count / Math.Max(1, points.Count - law.Parameters));
        var residuals = points.Select(p => (p.Throughput - law.Throughput(p.Users)) * inflate).ToArray();
        var random = new Random(Seed);
        var curve = points.Select(p => law.Throughput(p.Users)).ToArray();
        var rounds = Enumerable.Range(0, Rounds).Select(_ => points.Select((p, i) => new LoadPoint(p.Users, Math.Max(0, curve[i] + residuals[random.Next(residuals.Length)]))).ToList()).ToList();
        // Drawing the stages themselves again also carries the noise in their concurrency (X × R), which the residuals in throughput miss.
        rounds.AddRange(Enumerable.Range(0, Rounds).Select(_ => points.Select(_ => points[random.Next(points.Count)]).OrderBy(p => p.Users).ToList()).Where(r => r.Distinct().Count() >= 4));
        // Drawn in order from the one seed, refitted on every core: the same refits whatever the machine.
        var refits = new IReadOnlyList<ScalingLaw>[rounds.Count];
        Parallel.For(0, rounds.Count, round => refits[round] = readings(rounds[round]));
        return new LawBootstrap(law, refits.SelectMany(r => r).ToList());
    }

    /// <summary>A figure of the fit with its 95 % interval over the refits (High is +∞ when the refits leave it unbounded).</summary>
    public Estimate Of(Func<ScalingLaw, double> figure)
    {
        var values = Refits.Select(figure).Select(v => double.IsNaN(v) ? double.PositiveInfinity : v).Order().ToArray();
        if (values.Length == 0) return new Estimate(figure(Fit), double.NegativeInfinity, double.PositiveInfinity);
        double At(double q) => values[Math.Clamp((int)Math.Floor(q * values.Length), 0, values.Length - 1)];
        return new Estimate(figure(Fit), At(0.025), At(0.975));
    }
}
