namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// How far past the ramp the deployment holds, predicted from the ramp's steady stages. A scaling law (a pool
/// of servers, or the Universal Scalability Law: <see cref="ScalingLaws"/>) is fitted to throughput against the
/// uploads in service at once (Little's law: X × R, the server's own concurrency, which the users' think time
/// does not dilute); a number of users N maps to the concurrency c where c + X(c) × Z = N (Z the think time),
/// and the mean response time there is c / X(c).
/// Nothing is predicted past <see cref="Reach"/>, and nothing at all from a ramp that never slowed the
/// deployment down (its throughput still linear): the fit would only repeat the straight line. Past the
/// curve's peak, throughput is held at the peak unless the ramp's own stages measured it falling: a fall the
/// ramp never measured is the law's shape extrapolated, not the deployment's (a queue of servers levels off).
/// </summary>
public sealed record CapacityModel(IReadOnlyList<StageLoad> Stages, double ThinkSeconds, LawBootstrap? Law, string? Unfitted, double Reach, double P95OverMeanMs)
{
    /// <summary>The ramp's most loaded stage completed fewer uploads than its best by more than twice the fit's noise: the deployment loses throughput under load.</summary>
    public bool FallMeasured { get; private init; }

    /// <summary>Stages with completed uploads the fit needs: three parameters and one degree of freedom.</summary>
    public const int MinStages = 4;

    /// <summary>A prediction goes at most this many times the ramp's last stage's users.</summary>
    public const double ReachFactor = 2;

    /// <summary>The last stage's mean response time must be this much over the fastest stage's for the ramp to have loaded the deployment.</summary>
    public const double LoadedSlowdown = 1.15;

    public double LastUsers => Stages.Count == 0 ? 0 : Stages.Max(s => s.Users);

    private static double Concurrency(StageLoad s) => s.Throughput * s.MeanMs / 1000;

    public static CapacityModel Of(IReadOnlyList<StageLoad> stages, double thinkSeconds)
    {
        var loaded = stages.Where(s => s.Throughput > 0 && s.MeanMs > 0).OrderBy(s => s.Users).ToList();
        var reach = loaded.Count == 0 ? 0 : ReachFactor * loaded[^1].Users;
        CapacityModel Unfit(string why) => new(loaded, thinkSeconds, null, why, loaded.Count == 0 ? 0 : loaded[^1].Users, 0);
        if (loaded.Count < MinStages)
            return Unfit($"{loaded.Count} ramp stage{(loaded.Count == 1 ? "" : "s")} with completed uploads; the model needs at least {MinStages} (a smaller RAMP_UP_STEP or a larger MAX_USERS)");
        var fastest = loaded.Min(s => s.MeanMs);
        if (loaded[^1].MeanMs < LoadedSlowdown * fastest)
            return Unfit($"the ramp never loaded the deployment: its last stage ({loaded[^1].Users:0} users) answered in {loaded[^1].MeanMs:0} ms on average against " +
                         $"{fastest:0} ms at its fastest, so throughput was still growing in a straight line; raise MAX_USERS");
        var points = loaded.Select(s => new LoadPoint(Concurrency(s), s.Throughput)).ToList();
        if (LawBootstrap.Of(points, p => ScalingLaws.Readings(p, thinkSeconds)) is not { } law) return Unfit("no scaling law could be fitted to the stages");
        // The most loaded stages' tail: how far their P95 lies above their mean.
        var gap = loaded.TakeLast(2).Select(s => s.P95Ms - s.MeanMs).Average();
        var busiest = loaded.MaxBy(Concurrency)!;
        var fell = busiest.Throughput < loaded.Max(s => s.Throughput) - 2 * law.Fit.ResidualSd;
        var spreadAt = loaded.TakeLast(2).Select(s => law.Fit.SpreadMs(s.Users)).Average();
        return new CapacityModel(loaded, thinkSeconds, law, null, reach, gap) { FallMeasured = fell, SpreadAtBusiestMs = spreadAt };
    }

    /// <summary>The law's spread (P95 over mean) at the most loaded stages, where <see cref="P95OverMeanMs"/> was measured.</summary>
    public double SpreadAtBusiestMs { get; private init; }

    /// <summary>The uploads in service and the throughput with <paramref name="users"/> users: past the law's peak held there unless the ramp measured a fall.</summary>
    public (double Concurrency, double Throughput) Load(ScalingLaw law, double users) => law.AtUsers(users, ThinkSeconds, holdPeak: !FallMeasured);

    public double ConcurrencyAt(ScalingLaw law, double users) => Load(law, users).Concurrency;

    public double ThroughputAt(ScalingLaw law, double users) => Load(law, users).Throughput;

    public double Served(ScalingLaw law, double concurrency) => law.Served(concurrency, holdPeak: !FallMeasured);

    /// <summary>
    /// The predicted P95 in ms: the mean c / X(c) plus the most loaded stages' P95 over their mean, grown as the
    /// ramp's law says the spread grows from those stages (a pool's waits spread the responses as they lengthen; the
    /// scalability law says nothing of the spread, so it is held). Waiting for a busy server delays most requests
    /// alike, so it mostly shifts the distribution rather than stretching it (on a stack held to 4 uploads at once,
    /// scaling the mean by the stages' P95/mean ratio put the P95 about 60 % too high at saturation).
    /// </summary>
    public double P95MsAt(ScalingLaw law, double users)
    {
        var (c, x) = Load(law, users);
        return x <= 0 ? double.PositiveInfinity : c / x * 1000 + P95OverMeanMs + SpreadGrowthMs(users);
    }

    private readonly Dictionary<double, double> spreads = new();

    /// <summary>The ramp's own fit's spread at <paramref name="users"/> over its spread at the busiest stages (refits share it: it is costly, and second order).</summary>
    private double SpreadGrowthMs(double users)
    {
        if (Law is null) return 0;
        lock (spreads)
        {
            if (!spreads.TryGetValue(users, out var spread)) spreads[users] = spread = Law.Fit.SpreadMs(users);
            return spread - SpreadAtBusiestMs;
        }
    }

    /// <summary>The users at the curve's peak (+∞ when it has none within reach).</summary>
    public double PeakUsers(ScalingLaw fit)
    {
        var c = fit.PeakConcurrency;
        var users = double.IsFinite(c) ? c + fit.Throughput(c) * ThinkSeconds : double.PositiveInfinity;
        return users <= Reach ? users : double.PositiveInfinity;
    }

    /// <summary>
    /// The most uploads per second the deployment gives: the curve's peak within reach, or the level it
    /// settles at when the curve, within reach, already came to 90 % of it (a ceiling it levels off at has no
    /// peak users); +∞ when the ramp cannot say (the curve still climbing at the edge of its reach).
    /// </summary>
    public double Ceiling(ScalingLaw fit)
    {
        if (double.IsFinite(PeakUsers(fit))) return fit.PeakThroughput;
        var level = fit.PeakThroughput;
        return double.IsFinite(level) && ThroughputAt(fit, Reach) >= 0.9 * level ? level : double.PositiveInfinity;
    }

    /// <summary>The fewest users (from the first stage to <see cref="Reach"/>, quarter by quarter) at which <paramref name="broken"/> holds; +∞ when none.</summary>
    public double FirstUsersWhere(ScalingLaw fit, Func<double, bool> broken)
    {
        var from = Stages.Count == 0 ? 1 : Stages.Min(s => s.Users);
        for (var users = from; users <= Reach; users += 0.25)
            if (broken(users)) return users;
        return double.PositiveInfinity;
    }
}
