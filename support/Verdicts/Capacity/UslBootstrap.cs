namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// Intervals for the fit and for anything computed from it (the peak, the users where a latency crosses
/// its limit) by a residual bootstrap: the fitted curve plus the measured residuals drawn again, refitted,
/// 400 times with a fixed seed. Each round refits two readings of the same stages: the whole law (the
/// curve may turn down) and the law with κ = 0 (it levels off). A ramp that stops short of the ceiling
/// cannot tell a sharp knee (many servers in parallel) from a gradual one: the first reading places the
/// ceiling low, the second high, and the truth lies between, so the interval spans both. A figure
/// unbounded in more than 2.5 % of the refits has no upper end: the stages cannot say how high it goes.
/// </summary>
public sealed class UslBootstrap
{
    public const int Rounds = 400;
    private const int Seed = 20261205;

    public UslFit Fit { get; }
    public IReadOnlyList<UslFit> Refits { get; }

    private UslBootstrap(UslFit fit, IReadOnlyList<UslFit> refits) => (Fit, Refits) = (fit, refits);

    public static UslBootstrap? Of(IReadOnlyList<LoadPoint> points)
    {
        if (UslFit.Fit(points) is not { } fit) return null;
        // Residuals from three fitted parameters are smaller than the noise: scaled back by √(n / (n − 3)).
        var inflate = Math.Sqrt((double)points.Count / Math.Max(1, points.Count - 3));
        var residuals = points.Select(p => (p.Throughput - fit.Throughput(p.Users)) * inflate).ToArray();
        var random = new Random(Seed);
        var refits = new List<UslFit>(Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            var drawn = points.Select(p => new LoadPoint(p.Users, Math.Max(0, fit.Throughput(p.Users) + residuals[random.Next(residuals.Length)]))).ToList();
            if (UslFit.Fit(drawn) is { } refit) refits.Add(refit);
            if (UslFit.Fit(drawn, levelsOff: true) is { } level) refits.Add(level);
        }
        return new UslBootstrap(fit, refits);
    }

    /// <summary>A figure of the fit with its 95 % interval over the refits (High is +∞ when the refits leave it unbounded).</summary>
    public Estimate Of(Func<UslFit, double> figure)
    {
        var values = Refits.Select(figure).Select(v => double.IsNaN(v) ? double.PositiveInfinity : v).Order().ToArray();
        if (values.Length == 0) return new Estimate(figure(Fit), double.NegativeInfinity, double.PositiveInfinity);
        double At(double q) => values[Math.Clamp((int)Math.Floor(q * values.Length), 0, values.Length - 1)];
        return new Estimate(figure(Fit), At(0.025), At(0.975));
    }
}
