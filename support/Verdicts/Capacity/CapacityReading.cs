using MangaMotion.Acceptance.Results.Capacity;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>One way the deployment gives as users grow, computed on any fit of the model (so each refit gives its own answer).</summary>
public sealed record LimitRule(string What, Func<CapacityModel, ScalingLaw, double> UsersAt, Func<double, string> Words);

/// <summary>
/// The ramp's capacity model turned into findings: the peak, each limit's users with its interval over the
/// bootstrap's refits, and the first to give. A figure the refits leave unbounded more often than 2.5 % of
/// the time has no upper end; one no fit places within reach is left out and the summary says "at least".
/// </summary>
public static class CapacityReading
{
    public static CapacityFindings Findings(string test, CapacityModel model, IReadOnlyList<LimitRule> rules, double? workerDrain, bool drainAtLeast)
    {
        var stages = model.Stages.Select(s => new CapacityStage(s.Name, s.Users, Math.Round(s.Throughput, 3), Math.Round(s.MeanMs, 2), Math.Round(s.P95Ms, 2),
            s.QueueGrowthPerSecond is { } g ? Math.Round(g, 3) : null)).ToList();
        var findings = new CapacityFindings(test, model.Unfitted, model.LastUsers, model.Reach, model.ThinkSeconds, stages)
        {
            WorkerDrainPerSecond = workerDrain is { } d ? Math.Round(d, 3) : null, WorkerDrainAtLeast = drainAtLeast,
        };
        if (model.Law is not { } laws) return findings with { Summary = $"no prediction: {model.Unfitted}" };
        var peakUsers = Of(laws, f => model.PeakUsers(f));
        var peakThroughput = Of(laws, model.Ceiling);
        var firstStage = model.Stages.Min(s => s.Users);
        var limits = rules.Select(r => (Rule: r, Users: Of(laws, f => r.UsersAt(model, f))))
            .Where(x => x.Users.Value is not null || x.Users.Low is not null).OrderBy(x => x.Users.Value ?? double.MaxValue)
            .Select(x => new CapacityLimit(x.Rule.What, x.Users, x.Rule.Words(x.Users.Value ?? double.PositiveInfinity)) { AtFirstStage = x.Users.Value <= firstStage }).ToList();
        var curve = Enumerable.Range(0, 41).Select(i => model.Stages[0].Users + (model.Reach - model.Stages[0].Users) * i / 40.0).Select(n =>
        {
            var band = laws.Of(f => model.ThroughputAt(f, n));
            return new CapacityCurvePoint(Math.Round(n, 2), Math.Round(band.Value, 3), Math.Round(band.Low, 3), Math.Round(band.High, 3), Math.Round(laws.Bagged(f => model.P95MsAt(f, n)), 1));
        }).ToList();
        return findings with
        {
            Law = laws.Fit.Name, LawWords = laws.Fit.Words,
            Lambda = Parameter<UslFit>(laws, f => f.Lambda), Sigma = Parameter<UslFit>(laws, f => f.Sigma), Kappa = Parameter<UslFit>(laws, f => f.Kappa),
            Servers = Parameter<ServerPool>(laws, f => f.Servers), ServiceMs = Parameter<ServerPool>(laws, f => f.ServiceSeconds * 1000),
            PeakUsers = peakUsers, PeakThroughput = peakThroughput, Limits = limits, Curve = curve,
            Summary = Summarize(model, limits, peakUsers, peakThroughput),
        };
    }

    /// <summary>A parameter of the ramp's law over the refits that chose the same law; null when the ramp chose another.</summary>
    private static Predicted? Parameter<TLaw>(LawBootstrap laws, Func<TLaw, double> parameter) where TLaw : ScalingLaw =>
        laws.Fit is TLaw ? Of(laws, f => f is TLaw same ? parameter(same) : double.NaN, bagged: false) : null;

    /// <summary>The figure's value and the refits' 95 % interval, infinities as unbounded (null).</summary>
    public static Predicted Of(LawBootstrap laws, Func<ScalingLaw, double> figure, bool bagged = true)
    {
        var e = laws.Of(figure, bagged);
        static double? Bounded(double v) => double.IsFinite(v) ? Math.Round(v, 3) : null;
        return new Predicted(Bounded(e.Value), Bounded(e.Low), Bounded(e.High));
    }

    public static string Range(Predicted p, string unit) =>
        p.Value is not { } v ? $"beyond reach" :
        $"~{v:0.#} {unit} ({(p.Low is { } l ? l.ToString("0.#") : "?")} to {(p.High is { } h ? h.ToString("0.#") : "unbounded")})";

    private static string Summarize(CapacityModel model, IReadOnlyList<CapacityLimit> limits, Predicted peakUsers, Predicted peakThroughput)
    {
        var parts = limits.Where(l => l.What != Headroom.PeakLimit)
            .Select(l => l.AtFirstStage ? $"{l.Words} already at the ramp's first stage ({l.Users.Value:0} users)" : $"{l.Words} at {Range(l.Users, "users")}").ToList();
        parts.Add(peakThroughput.Value is null ? $"no ceiling within {model.Reach:0} users (twice the ramp's last stage)"
            : peakUsers.Value is null ? $"levels off at {Range(peakThroughput, "uploads/s")}"
            : $"peak {Range(peakThroughput, "uploads/s")} at {Range(peakUsers, "users")}");
        return string.Join("; ", parts);
    }
}
