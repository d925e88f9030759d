using HdrHistogram;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Verdicts.Regression;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>
/// The statistics regressions are judged by, on recorded histograms with answers computed apart:
/// SciPy 1.10.1 (Debian 12's python3-scipy), scipy.stats.mannwhitneyu(now, before, alternative="two-sided",
/// method="asymptotic", use_continuity=True) and scipy.stats.binom for the median's interval.
/// </summary>
public sealed class RegressionStatisticsTests
{
    // Milliseconds → requests, as a run's histogram keeps them.
    private static readonly Dictionary<int, long> Before = new() { [10] = 5, [11] = 8, [12] = 6, [13] = 3, [20] = 2 };
    private static readonly Dictionary<int, long> Now = new() { [11] = 3, [12] = 5, [13] = 7, [14] = 6, [25] = 3 };

    private static LatencyDistribution Buckets(Dictionary<int, long> counts) => new(counts.Select(c => new Bucket(c.Key, c.Value)));

    private static byte[] Recorded(Dictionary<int, long> counts, double scale = 1)
    {
        var h = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var (ms, n) in counts) h.RecordValueWithCount((long)(ms * scale * 1000), n);
        return HistogramCodec.Encode(h);
    }

    [Test]
    public void The_rank_test_from_buckets_gives_scipys_U_p_value_and_cliffs_delta()
    {
        var rank = Statistics.RankTest(Buckets(Now), Buckets(Before));
        // SciPy: U 454.5, p 0.0004896429479774463; Cliff's delta 2U/(n1 n2) - 1 = 0.578125.
        Assert.That(rank.U, Is.EqualTo(454.5).Within(1e-9));
        Assert.That(rank.PValue, Is.EqualTo(0.0004896429479774463).Within(1e-9));
        Assert.That(rank.CliffsDelta, Is.EqualTo(0.578125).Within(1e-9));
        Assert.That(rank.Magnitude, Is.EqualTo("large"));
    }

    [Test]
    public void The_rank_test_of_encoded_histograms_is_the_same_as_of_their_values()
    {
        var rank = Statistics.RankTest(LatencyDistribution.Decode(Recorded(Now)), LatencyDistribution.Decode(Recorded(Before)));
        Assert.That(rank.U, Is.EqualTo(454.5).Within(1e-9), "HDR buckets keep every value apart at 3 significant digits");
        Assert.That(rank.PValue, Is.EqualTo(0.0004896429479774463).Within(1e-9));
    }

    [Test]
    public void A_distribution_against_itself_has_p_one_and_no_effect()
    {
        var rank = Statistics.RankTest(Buckets(Before), Buckets(Before));
        // SciPy: U 288.0, p 1.0.
        Assert.That((rank.U, rank.PValue, rank.CliffsDelta), Is.EqualTo((288.0, 1.0, 0.0)));
    }

    [Test]
    public void The_median_of_ten_runs_has_the_order_statistics_interval_of_ranks_two_and_nine()
    {
        // binom(10, ½): ranks (2, 9) cover 97.85 %, (3, 8) only 89.06 %: the widest pair reaching 95 % is (2, 9).
        var (low, median, high) = Statistics.MedianInterval([7, 1, 9, 3, 5, 2, 10, 4, 8, 6]);
        Assert.That((low, median, high), Is.EqualTo((2.0, 5.5, 9.0)));
        Assert.That(Statistics.MedianInterval([3, 1, 2]), Is.EqualTo((1.0, 2.0, 3.0)), "below six runs the range");
    }

    [Test]
    public void A_quantile_is_read_as_the_runs_own_figures_read_it()
    {
        var d = Buckets(Before);
        Assert.That(d.Quantile(0.5), Is.EqualTo(11));
        Assert.That(d.Quantile(0.95), Is.EqualTo(20));
        // The same rank as the run's own summary (HdrHistogram's percentile), on a histogram whose P95 sits between two values.
        var recorded = Recorded(new Dictionary<int, long> { [20] = 70, [82] = 1, [150] = 1, [162] = 3 });
        Assert.That(LatencyDistribution.Decode(recorded).Quantile(0.95), Is.EqualTo(LatencySummary.From(HistogramCodec.Decode(recorded)).P95));
    }

    private static HistoryRecord Run(int index, double scale, string applied = "5 users for 20s") => new()
    {
        Schema = HistoryRecord.CurrentSchema, Run = $"run{index:00}", StartedAt = DateTimeOffset.UnixEpoch.AddDays(index), Profile = "smoke", Target = "t", Verdict = "PASS",
        Tests = [new HistoryTest("uploads", applied, null, [new HistoryStep("upload", 300, 300, Recorded(Healthy, scale))])],
    };

    // 300 uploads: most near 40 ms, a tail to 60 ms (p95 about 55 ms).
    private static readonly Dictionary<int, long> Healthy = new() { [30] = 60, [35] = 80, [40] = 80, [45] = 40, [50] = 25, [55] = 10, [60] = 5 };

    private static LatencyDistribution Decoded(HistoryRecord run) => LatencyDistribution.Decode(run.Tests[0].Steps[0].Histogram!);

    private static readonly double[] Noise = [0.97, 1.04, 0.99, 1.06, 0.95, 1.02, 1.00, 0.96, 1.05, 0.98];

    private static FigureComparison Compare(double nowScale, int earlier, string figure = "upload P95", string tolerated = "10 %")
    {
        var window = Enumerable.Range(0, earlier).Select(i => Run(i, Noise[i % Noise.Length])).ToList();
        var now = Run(99, nowScale).Tests[0];
        return FigureComparer.Compare(RegressionFigure.Parse(new RegressionRow(figure, tolerated)), "uploads", now, window, named: false);
    }

    [Test]
    public void Thirty_percent_slower_than_ten_noisy_runs_has_regressed_with_an_interval_past_the_tolerance()
    {
        var c = Compare(1.3, 10);
        Assert.That(c.Movement, Is.EqualTo(Movement.Regressed), c.Evidence);
        Assert.That(c.Change, Is.EqualTo(30).Within(8));
        Assert.That(c.Low, Is.GreaterThan(10));
        Assert.That(c.Rank!.CliffsDelta, Is.GreaterThan(0.28), "a medium or large effect");
        Assert.That(c.Runs, Has.Count.EqualTo(10));
    }

    [Test]
    public void A_run_inside_the_noise_shows_no_detectable_change_with_its_interval()
    {
        var c = Compare(1.03, 10);
        Assert.That(c.Movement, Is.EqualTo(Movement.NoDetectableChange), c.Evidence);
        Assert.That(c.Low, Is.LessThan(0));
        Assert.That(c.Evidence, Does.Contain("95 % interval"));
    }

    [Test]
    public void A_run_against_runs_like_itself_has_no_change_and_an_interval_around_zero_the_same_every_time()
    {
        var run = LatencyDistribution.Decode(Recorded(Healthy));
        var first = QuantileBootstrap.Change(run, [run, run, run], 0.95);
        Assert.That(first.Change, Is.EqualTo(0));
        Assert.That(first.Low, Is.LessThan(0));
        Assert.That(first.High, Is.GreaterThan(0));
        Assert.That(QuantileBootstrap.Change(run, [run, run, run], 0.95), Is.EqualTo(first), "a fixed seed: the judge answers alike at every checkpoint");
    }

    // SciPy 1.10.1: stats.t.ppf(0.975, 7) and stats.t.ppf(0.975, 3).
    [TestCase(7, 2.3646242510102993)]
    [TestCase(3, 3.182446305284263)]
    public void Student_quantiles_are_SciPys(int freedom, double expected) =>
        Assert.That(RunToRunSpread.StudentQuantile975(freedom), Is.EqualTo(expected).Within(1e-7), "Perfolizer inverts the CDF numerically");

    [Test]
    public void A_window_whose_runs_scatter_widens_the_interval_by_the_runs_own_spread()
    {
        // Four runs of 100 requests each, every request of run i at v_i ms: each run's P95 against the others pooled,
        // log ratios [-0.0953, 0.0465, -0.2007, -0.0465], sd 0.10292361645100408 (Python's statistics.stdev), times
        // t(0.975, 3): half-width 0.3275488829009925; a +30 % change spans -6.3105520581265395 % to +80.38317410606422 %.
        var runs = new[] { 100, 110, 90, 105 }.Select(v => new LatencyDistribution([new Bucket(v, 100)])).ToList();
        var spread = RunToRunSpread.Of(runs, 0.95)!.Value;
        Assert.That(spread.Spread, Is.EqualTo(0.10292361645100408).Within(1e-12));
        Assert.That(spread.HalfWidth, Is.EqualTo(0.3275488829009925).Within(1e-8));
        var (low, high) = RunToRunSpread.Around(30, spread.HalfWidth);
        Assert.That(low, Is.EqualTo(-6.3105520581265395).Within(1e-6));
        Assert.That(high, Is.EqualTo(80.38317410606422).Within(1e-6));
        Assert.That(RunToRunSpread.Of(runs.Take(2).ToList(), 0.95), Is.Null, "two runs give no spread to trust");
    }

    [Test]
    public void A_healthy_run_as_far_out_as_the_windows_own_runs_is_not_called_a_regression()
    {
        // The window's runs scatter by ±15 %, each one on its own samples tight: a request bootstrap alone would call
        // a +30 % run regressed; the runs' own spread says a run that far out is what this machine does.
        var scales = new[] { 1.0, 1.15, 0.87, 1.12, 0.9, 1.05, 0.92, 1.0 };
        var window = scales.Select((scale, i) => Run(i, scale)).ToList();
        var now = Run(99, 1.3);
        var c = FigureComparer.Compare(RegressionFigure.Parse(new RegressionRow("upload P95", "10 %")), "uploads", now.Tests[0], window, named: false);
        var requestsOnly = QuantileBootstrap.Change(Decoded(now), window.Select(Decoded).ToList(), 0.95);
        Assert.That(requestsOnly.Low, Is.GreaterThan(10), $"the bootstrap alone calls it regressed: {requestsOnly}");
        Assert.That(c.Movement, Is.EqualTo(Movement.WithinNoise), c.Evidence);
        Assert.That(c.Evidence, Does.Contain("single runs of the window scatter"));
    }

    [Test]
    public void Too_few_earlier_runs_are_not_measured_saying_how_many_are_needed()
    {
        var c = Compare(1.3, 2);
        Assert.That(c.Movement, Is.EqualTo(Movement.NotMeasured));
        Assert.That(c.Evidence, Does.Contain("needs at least 3 earlier like-for-like runs").And.Contain("has 2"));
    }

    [Test]
    public void Only_complete_runs_with_the_same_applied_load_are_in_the_window()
    {
        var shortened = Run(5, 1) with { Tests = [new HistoryTest("uploads", "2 users for 10s", null, [])] };
        var incomplete = Run(6, 1) with { Incomplete = true };
        var stopped = Run(7, 1) with { Tests = [Run(7, 1).Tests[0] with { StoppedEarly = "deadline" }] };
        var history = new PastRuns("store", [Run(1, 1), shortened, incomplete, stopped, Run(8, 1)]) { ThisRun = "run08" };
        Assert.That(BaselineWindow.For("uploads", "5 users for 20s", history, 10).Select(r => r.Run), Is.EqualTo(new[] { "run01" }));
    }

    [Test]
    public void A_figure_the_scenario_misnames_is_refused_naming_what_is_accepted()
    {
        Assert.That(() => RegressionFigure.Parse(new RegressionRow("uplaod P95", "10 %")), Throws.TypeOf<FormatException>().With.Message.Contains("job completion P95"));
        Assert.That(() => RegressionFigure.Parse(new RegressionRow("upload P95", "1 point")), Throws.TypeOf<FormatException>().With.Message.Contains("percent"));
        Assert.That(RegressionFigure.Parse(new RegressionRow("upload success rate", "1 point")).Kind, Is.EqualTo(ComparedKind.SuccessRate));
    }

    private static List<TrendPoint> Series(params double[] values) =>
        values.Select((v, i) => new TrendPoint($"run{i:00}", DateTimeOffset.UnixEpoch.AddDays(i), i >= 8 ? "1.8.2" : "1.8.1", v)).ToList();

    [Test]
    public void A_lasting_shift_is_named_at_the_run_it_began_with_its_levels_and_version()
    {
        var found = ChangePoints.Find("uploads", "upload P95", "ms", Series(82, 80, 85, 79, 83, 81, 84, 80, 131, 128, 135, 130), 10, newestRegressed: false);
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].Run, Is.EqualTo("run08"));
        Assert.That(found[0].Describe(), Does.StartWith("uploads upload P95 moved from 81.5 ms to 130.5 ms at run run08 (target 1.8.2)"));
    }

    [Test]
    public void Noise_alone_names_no_change_point()
    {
        var rng = new Random(20261204);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, 12).Select(_ => 100 * (1 + 0.15 * (rng.NextDouble() * 2 - 1))).ToArray();
            Assert.That(ChangePoints.Find("uploads", "upload P95", "ms", Series(values), 20, newestRegressed: false), Is.Empty, string.Join(", ", values.Select(v => v.ToString("0"))));
        }
    }

    [Test]
    public void A_shift_at_the_newest_run_is_named_provisional_when_that_run_regressed()
    {
        var found = ChangePoints.Find("uploads", "upload P95", "ms", Series(82, 80, 85, 79, 83, 81, 84, 80, 120), 10, newestRegressed: true);
        Assert.That(found.Single().Run, Is.EqualTo("run08"));
        Assert.That(found.Single().Provisional, Is.True);
        Assert.That(found.Single().Describe(), Does.EndWith("so far one run at the new level"));
    }
}
