namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// Intervals for the fit and for anything computed from it (the peak, the users where a latency crosses
/// its limit) by bootstrap with a fixed seed: 400 rounds of the fitted curve plus the measured residuals drawn
/// again, and 400 of the stages themselves drawn again (with replacement: the noise in each stage's
/// concurrency too), each refitted. Each round reads its levels as the ramp's own were read, keeping every
/// reading its levels cannot tell apart, so the interval holds the doubt about which law (and which pool)
/// reads the stages as well as about its parameters. A figure unbounded in more than 2.5 % of the refits has
/// no upper end: the stages cannot say how high it goes.
/// A figure's value is its median over the rounds that drew the stages again, each read by the law it reads
/// first (bagging): which pool reads a ramp, 4 servers or 5, can turn on one stage's noise, and the one fit
/// jumps with it where the median of many does not.
/// </summary>
public sealed class LawBootstrap
{
    public const int Rounds = 400;
    private const int Seed = 20261205;

    public ScalingLaw Fit { get; }
    public IReadOnlyList<ScalingLaw> Refits { get; }

    /// <summary>The positions in <see cref="Refits"/> of each drawn round's first reading (the law it reads its stages by).</summary>
    private readonly int[] drawn;

    private LawBootstrap(ScalingLaw fit, IReadOnlyList<ScalingLaw> refits, int[] drawn) => (Fit, Refits, this.drawn) = (fit, refits, drawn);

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
        List<ScalingLaw> all = [];
        List<int> drawn = [];
        for (var round = 0; round < refits.Length; round++)
        {
            if (round >= Rounds && refits[round].Count > 0) drawn.Add(all.Count);
            all.AddRange(refits[round]);
        }
        return new LawBootstrap(law, all, [.. drawn]);
    }

    /// <summary>
    /// A figure with its 95 % interval over the refits (High is +∞ when the refits leave it unbounded); its value
    /// is the drawn rounds' median, or the one fit's when <paramref name="bagged"/> is false (a parameter of the
    /// ramp's own law, which rounds read by another law do not have).
    /// </summary>
    public Estimate Of(Func<ScalingLaw, double> figure, bool bagged = true)
    {
        var values = Refits.Select(figure).Select(v => double.IsNaN(v) ? double.PositiveInfinity : v).ToArray();
        var value = bagged ? Median(drawn.Select(i => values[i]), figure) : figure(Fit);
        if (values.Length == 0) return new Estimate(value, double.NegativeInfinity, double.PositiveInfinity);
        Array.Sort(values);
        double At(double q) => values[Math.Clamp((int)Math.Floor(q * values.Length), 0, values.Length - 1)];
        return new Estimate(value, At(0.025), At(0.975));
    }

    /// <summary>The figure's median over the rounds that drew the stages again (the one fit's without any).</summary>
    public double Bagged(Func<ScalingLaw, double> figure) =>
        Median(drawn.Select(i => figure(Refits[i])).Select(v => double.IsNaN(v) ? double.PositiveInfinity : v), figure);

    private double Median(IEnumerable<double> values, Func<ScalingLaw, double> figure)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length > 0 ? sorted[sorted.Length / 2] : figure(Fit);
    }
}
