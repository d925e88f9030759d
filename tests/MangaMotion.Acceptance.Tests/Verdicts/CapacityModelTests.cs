using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Capacity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>The capacity model on data whose truth is known: the scalability law's own curve with noise, and a K-server queue.</summary>
public sealed class CapacityModelTests
{
    private static List<LoadPoint> Usl(double lambda, double sigma, double kappa, double noise, int seed, params double[] users)
    {
        var random = new Random(seed);
        return users.Select(n => new LoadPoint(n, UslFit.Throughput(lambda, sigma, kappa, n) * (1 + noise * (2 * random.NextDouble() - 1)))).ToList();
    }

    [TestCase(1.0, 0.05, 0.001, 0.0)]
    [TestCase(1.0, 0.05, 0.001, 0.03)]
    [TestCase(5.0, 0.2, 0.0005, 0.03)]
    [TestCase(2.0, 0.02, 0.0, 0.02)]
    public void The_fit_recovers_known_parameters_within_their_intervals(double lambda, double sigma, double kappa, double noise)
    {
        var usl = LawBootstrap.Of(Usl(lambda, sigma, kappa, noise, 7, 1, 4, 8, 12, 16, 24, 32, 40), p => new[] { UslFit.Fit(p), UslFit.Fit(p, levelsOff: true) }.OfType<ScalingLaw>().ToList())!;
        Assert.That(Law(usl.Fit).Lambda, Is.EqualTo(lambda).Within(lambda * (noise * 3 + 0.001)));
        if (noise == 0) Assert.That(Law(usl.Fit).Sigma, Is.EqualTo(sigma).Within(1e-4));
        Assert.That(usl.Of(f => Law(f).Lambda).Holds(lambda), Is.True, $"λ {usl.Of(f => Law(f).Lambda)}");
        Assert.That(usl.Of(f => Law(f).Sigma).Holds(sigma) || noise == 0, Is.True, $"σ {usl.Of(f => Law(f).Sigma)}");
        Assert.That(usl.Of(f => Law(f).Kappa).Holds(kappa) || noise == 0, Is.True, $"κ {usl.Of(f => Law(f).Kappa)}");
        Assert.That(usl.Of(f => f.PeakThroughput).Holds(UslFit.Throughput(lambda, sigma, kappa, kappa > 0 ? Math.Sqrt((1 - sigma) / kappa) : 1e9)) || noise == 0, Is.True, "the peak");
    }

    private static UslFit Law(ScalingLaw law) => (UslFit)law;

    [TestCase(1, 0.999, 405284.7)]
    [TestCase(2, 0.999, 998.5)]
    [TestCase(2, 0.95, 18.513)]
    [TestCase(10, 0.95, 4.9646)]
    public void The_F_quantile_with_one_degree_is_right_where_the_fewest_stages_put_it(int freedom, double p, double expected) =>
        Assert.That(ScalingLaws.OneDegreeF(freedom, p), Is.EqualTo(expected).Within(0.001).Percent);

    [Test]
    public void Four_levels_the_fewest_the_model_takes_are_fitted()
    {
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.02, 8, 12, 16, 20), 1);
        Assert.That(model.Law, Is.Not.Null, model.Unfitted);
    }

    [Test]
    public void Fewer_than_four_levels_are_not_fitted() => Assert.That(UslFit.Fit([new(1, 1), new(2, 2), new(3, 3)]), Is.Null);

    /// <summary>K servers of exponential service time S, users thinking Z between requests: the machine-repairman queue, exactly.</summary>
    private static (double Throughput, double MeanSeconds) Repairman(int users, int servers, double service, double think)
    {
        var p = new double[users + 1];
        p[0] = 1;
        for (var n = 1; n <= users; n++) p[n] = p[n - 1] * ((users - n + 1) / think) / (Math.Min(n, servers) / service);
        var total = p.Sum();
        var throughput = Enumerable.Range(0, users + 1).Sum(n => p[n] / total * Math.Min(n, servers) / service);
        return (throughput, users / throughput - think);
    }

    private static List<StageLoad> Ramp(int servers, double service, double noise, params int[] users)
    {
        var random = new Random(11);
        return users.Select(n =>
        {
            var (x, r) = Repairman(n, servers, service, 1);
            var wobble = 1 + noise * (2 * random.NextDouble() - 1);
            return new StageLoad($"{n} users", n, 0, 30, x * wobble, r * 1000, r * 3000, null);
        }).ToList();
    }

    [TestCase(4, 0.2, 4, 8, 12, 16, 20)]
    [TestCase(16, 0.5, 5, 10, 15, 20, 25, 30, 35, 40, 45)]
    public void A_pool_is_read_back_from_its_own_curve(int servers, double service, params int[] users)
    {
        var fit = ScalingLaws.Fit(Ramp(servers, service, 0, users).Select(s => new LoadPoint(s.Throughput * s.MeanMs / 1000, s.Throughput)).ToList(), 1);
        Assert.That(fit, Is.InstanceOf<ServerPool>(), fit?.Words);
        var pool = (ServerPool)fit!;
        Assert.That(pool.Servers, Is.EqualTo(servers));
        Assert.That(pool.ServiceSeconds, Is.EqualTo(service).Within(service * 0.01));
        Assert.That(new RepairmanQueue(servers, service, 1).Throughput(users[^1]), Is.EqualTo(Repairman(users[^1], servers, service, 1).Throughput).Within(1e-9), "the product form at whole users");
    }

    [Test]
    public void Contention_that_bends_gradually_is_read_by_the_scalability_law_not_a_pool()
    {
        // Amdahl's law (a serial part, no pool): a pool's knee cannot follow it, and reads its ceiling of 50 a quarter low.
        var points = Usl(5, 0.1, 0, 0.03, 3, 1, 5, 9, 13, 17, 21, 25, 29, 33, 36);
        Assert.That(ScalingLaws.Fit(points, 1), Is.InstanceOf<UslFit>());
    }

    [Test]
    public void A_ramp_to_about_80_percent_of_a_known_capacity_predicts_it_within_15_percent()
    {
        // Four slots of 200 ms: 20 uploads/s. The ramp's last stage (20 users) runs at about 79 % of it.
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.02, 4, 8, 12, 16, 20), 1);
        Assert.That(model.Unfitted, Is.Null);
        var findings = CapacityReading.Findings("bottleneck", model, [], null, false);
        var peak = findings.PeakThroughput!;
        Assert.That(Math.Abs(peak.Value!.Value / 20 - 1), Is.LessThan(0.15), findings.Summary);
        Assert.That(peak.Low, Is.LessThanOrEqualTo(20), findings.Summary);
        Assert.That(peak.High ?? double.PositiveInfinity, Is.GreaterThanOrEqualTo(20), "the interval holds the truth");
    }

    [Test]
    public void A_pool_read_from_a_ramp_predicts_its_mean_response_and_P95_past_the_ramp()
    {
        // Exactly: the mean response is 613 ms at 32 users and 1000 at 40, the P95 1,303 ms at 34 (a pool of 4 at 20 uploads/s).
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.0, 4, 8, 12, 16, 20, 24, 28), 1);
        var fit = model.Law!.Fit;
        Assert.That(fit, Is.InstanceOf<ServerPool>(), fit.Words);
        foreach (var users in new[] { 32, 36, 40 })
        {
            var exact = Repairman(users, 4, 0.2, 1).MeanSeconds * 1000;
            var (c, x) = model.Load(fit, users);
            Assert.That(c / x * 1000 / exact - 1, Is.InRange(-0.02, 0.02), $"{users} users: predicted mean {c / x * 1000:0} ms, exact {exact:0} ms");
        }
        Assert.That(new RepairmanQueue(4, 0.2, 1).ResponseP95(34) * 1000, Is.EqualTo(1303).Within(2), "the same figure worked with SciPy's gamma distribution");
        Assert.That(model.ThroughputAt(fit, 40), Is.EqualTo(20).Within(0.01));
    }

    [Test]
    public void Past_a_peak_the_ramp_never_reached_the_law_s_throughput_is_held()
    {
        var law = new UslFit(2, 0.05, 0.0095, 0.1, 8);
        Assert.That(law.AtUsers(40, 1, holdPeak: true).Throughput, Is.EqualTo(law.PeakThroughput).Within(1e-6));
        Assert.That(law.AtUsers(40, 1, holdPeak: false).Throughput, Is.LessThan(0.95 * law.PeakThroughput), "the law's own curve falls");
    }

    [Test]
    public void A_fall_the_ramp_measured_past_the_peak_is_kept()
    {
        // Throughput that peaks at 10 in service and falls after (coherency), read by stages on both sides of the peak.
        var stages = new[] { 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 }.Select(c =>
        {
            var x = UslFit.Throughput(2, 0.05, 0.0095, c);
            return new StageLoad($"{c}", c + x, 0, 30, x, c / x * 1000, c / x * 2000, null);
        }).ToList();
        var model = CapacityModel.Of(stages, 1);
        var fit = model.Law!.Fit;
        Assert.That(fit, Is.InstanceOf<UslFit>(), "a pool cannot draw a fall");
        Assert.That(model.FallMeasured, Is.True);
        Assert.That(model.Served(fit, 1.5 * fit.PeakConcurrency), Is.LessThan(0.95 * fit.PeakThroughput), "the measured fall is not levelled");
    }

    [Test]
    public void A_ramp_below_half_of_the_capacity_predicts_nothing_and_says_at_least_its_last_stage()
    {
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.02, 2, 4, 6, 8, 10), 1);
        Assert.That(model.Unfitted, Does.Contain("never loaded the deployment").And.Contain("raise MAX_USERS"));
        var findings = CapacityReading.Findings("bottleneck", model, [], null, false);
        var row = new CriteriaRow(Headroom.UsersRow, "at least 2 × 50");
        var result = HeadroomCriteria.Users(row, findings, "Bottleneck", Match("at least 2 × 50"), null);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMeasured), result.Evidence);
        Assert.That(result.Evidence, Does.StartWith("at least 10 users"));
    }

    /// <summary>A pool's ramp with each stage's throughput and mean response off by up to <paramref name="noise"/> (drawn from <paramref name="seed"/>).</summary>
    private static List<StageLoad> NoisyRamp(int seed, int servers, double service, double noise, IEnumerable<int> users)
    {
        var random = new Random(seed);
        double Wobble() => 1 + noise * (2 * random.NextDouble() - 1);
        return users.Select(n =>
        {
            var (x, r) = Repairman(n, servers, service, 1);
            var mean = r * 1000 * Wobble();
            return new StageLoad($"{n} users", n, 0, 30, x * Wobble(), mean, 2.5 * mean, null);
        }).ToList();
    }

    // A large pool barely slows before half its capacity (the model refuses); one or two servers slow early (it fits).
    [TestCase(4, 0.2, 2, 10, 2)]
    [TestCase(16, 0.5, 3, 18, 3)]
    [TestCase(2, 0.1, 1, 11, 1)]
    [TestCase(1, 0.05, 1, 11, 1)]
    [TestCase(1, 0.05, 2, 10, 2)]
    public void Ramps_below_half_of_the_capacity_never_give_a_confident_wrong_ceiling(int servers, double service, int from, int to, int step)
    {
        var truth = servers / service;
        var users = Enumerable.Range(0, (to - from) / step + 1).Select(i => from + i * step).ToList();
        Assert.That(Repairman(to, servers, service, 1).Throughput, Is.LessThan(0.55 * truth), "the ramp stays below about half of the capacity");
        var (wrong, fitted) = (new List<string>(), 0);
        for (var seed = 1; seed <= 12; seed++)
        {
            var model = CapacityModel.Of(NoisyRamp(seed, servers, service, 0.04, users), 1);
            if (model.Unfitted is not null) continue;
            fitted++;
            var peak = CapacityReading.Findings("bottleneck", model, [], null, false).PeakThroughput!;
            if ((peak.Low ?? 0) > truth || (peak.High ?? double.PositiveInfinity) < truth) wrong.Add($"seed {seed}: {CapacityReading.Range(peak, "uploads/s")}");
        }
        TestContext.Progress.WriteLine($"{servers} × {service * 1000} ms, {from} to {to} users: {fitted} of 12 ramps fitted");
        Assert.That(wrong, Is.Empty, $"every ceiling's interval holds {truth} uploads/s, or nothing is predicted ({fitted} of 12 fitted)");
    }

    [Test]
    public void Predictions_never_go_past_twice_the_ramps_last_stage()
    {
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.0, 4, 8, 12, 16, 20), 1);
        Assert.That(model.Reach, Is.EqualTo(40));
        Assert.That(model.FirstUsersWhere(model.Law!.Fit, _ => false), Is.EqualTo(double.PositiveInfinity));
        Assert.That(model.FirstUsersWhere(model.Law.Fit, n => n > 41), Is.EqualTo(double.PositiveInfinity), "41 users is past its reach");
    }

    [Test]
    public void The_worker_drain_is_the_arrivals_less_the_queues_growth_where_it_grew()
    {
        List<StageLoad> stages =
        [
            new("5", 5, 0, 30, 4, 100, 200, 0.01), new("10", 10, 30, 60, 8, 100, 200, 0.05),
            new("15", 15, 60, 90, 12, 110, 220, 2.1), new("20", 20, 90, 120, 16, 120, 240, 5.9),
        ];
        var (drain, atLeast) = Headroom.WorkerDrain(stages);
        Assert.That(atLeast, Is.False);
        Assert.That(drain, Is.EqualTo(10).Within(0.001), "(12 - 2.1 + 16 - 5.9) / 2");
        Assert.That(Headroom.WorkerDrain(stages.Take(2).ToList()), Is.EqualTo(((double?)8, true)), "never behind: at least the most that arrived");
    }

    [TestCase("at least 100 users")]
    [TestCase("above 2 × 50")]
    public void A_threshold_the_headroom_row_does_not_read_is_refused_naming_the_form_it_takes(string threshold)
    {
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.0, 4, 8, 12, 16, 20), 1);
        var findings = CapacityReading.Findings("bottleneck", model, [], null, false);
        var e = Assert.Throws<FormatException>(() => HeadroomCriteria.Users(new CriteriaRow(Headroom.UsersRow, threshold), findings, "Bottleneck", Match(threshold), null));
        Assert.That(e!.Message, Does.Contain("at least F × N"));
    }

    private static CapacityFindings Placed(double value, double low, double? high) =>
        new("bottleneck", null, 60, 120, 1, [])
        {
            Limits = [new CapacityLimit("upload P95 below 5 s", new Predicted(value, low, high), "upload P95 reaches 5 s")], Summary = $"upload P95 reaches 5 s at ~{value} users",
        };

    [TestCase(150, 120, 190.0, Verdict.Pass)]
    [TestCase(110, 90, 130.0, Verdict.Warn)]
    [TestCase(80, 60, 95.0, Verdict.Fail)]
    [TestCase(80, 60, null, Verdict.Warn)]
    public void Users_pass_only_when_the_whole_interval_clears_the_threshold(double value, double low, double? high, Verdict expected)
    {
        var result = HeadroomCriteria.Users(new CriteriaRow(Headroom.UsersRow, "at least 2 × 50"), Placed(value, low, high), "Bottleneck", Match("at least 2 × 50"), null);
        Assert.That(result.Verdict, Is.EqualTo(expected), result.Evidence);
        Assert.That(result.Evidence, Does.StartWith("first to give: upload P95 reaches 5 s"));
    }

    [Test]
    public void A_limit_the_ramp_already_broke_is_measured_and_within_its_noise_a_warning_at_most()
    {
        var result = HeadroomCriteria.Users(new CriteriaRow(Headroom.UsersRow, "at least 2 × 50"), Placed(150, 120, 190), "Bottleneck", Match("at least 2 × 50"), (40, false));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Warn));
        var certain = HeadroomCriteria.Users(new CriteriaRow(Headroom.UsersRow, "at least 2 × 50"), Placed(150, 120, 190), "Bottleneck", Match("at least 2 × 50"), (40, true));
        Assert.That(certain.Verdict, Is.EqualTo(Verdict.Fail), "a break its noise cannot explain is a failure");
        Assert.That(result.Observed, Is.EqualTo(40));
        Assert.That(result.Evidence, Does.Contain("broke a stated limit at 40 users (measured"));
    }

    [Test]
    public void An_expected_load_below_the_ramp_s_first_stage_is_not_measured_and_says_to_start_lower()
    {
        var model = CapacityModel.Of(Ramp(4, 0.2, 0.0, 24, 28, 32, 36, 40), 1);
        var findings = CapacityReading.Findings("bottleneck", model, [], 8, false);
        var rate = Headroom.RateThreshold().Match("at least 1.5 × the expected rate");
        var result = HeadroomCriteria.WorkerRate(new CriteriaRow(Headroom.WorkerRow, "at least 1.5 × the expected rate"), findings, "Bottleneck", rate, 10, null);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMeasured), result.Evidence);
        Assert.That(result.Evidence, Does.Contain("below the ramp's first stage of 24 users").And.Contain("INITIAL_USERS"));
    }

    /// <summary>A headroom users row's threshold as the statement reads it.</summary>
    internal static Match Match(string threshold) => Headroom.UsersThreshold().Match(threshold);
}
