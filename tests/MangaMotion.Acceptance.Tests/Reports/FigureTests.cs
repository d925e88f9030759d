using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Reports.Figures;
using MangaMotion.Acceptance.Results.RunFile;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Reports;

public sealed class FigureTests
{
    private static RunResults Run(double uploadP95, double uploadSuccess) => new()
    {
        Profile = "smoke",
        Tests =
        [
            new GuideTestResults
            {
                Id = "uploads", Title = "Concurrent uploads",
                Steps = [new StepRow { Step = "upload", Requests = 100, Ok = 100, SuccessRate = uploadSuccess, LatencyMs = new(100, 1, 10, 10, 20, uploadP95, uploadP95 * 2, 500) }],
            },
        ],
    };

    private static FigureChange Change(Comparison c, string name) => c.Changes.Single(x => x.Now.Name == name);

    [Test]
    public void Key_figures_name_each_test_and_step_with_success_and_percentiles()
    {
        var names = KeyFigures.Of(Run(100, 99)).Select(f => f.Name).ToList();
        Assert.That(names, Is.SupersetOf(new[] { "uploads/upload success", "uploads/upload p50", "uploads/upload p95", "uploads/upload p99", "uploads dropped arrivals" }));
    }

    [Test]
    public void A_p95_more_than_the_tolerance_above_the_baseline_is_a_regression_and_one_within_it_is_not()
    {
        var tolerance = new Tolerance(P95IncreasePercent: 20, SuccessDropPoints: 1);
        var worse = Comparison.Between(Run(121, 100), Run(100, 100), "base", tolerance);
        var within = Comparison.Between(Run(119, 100), Run(100, 100), "base", tolerance);
        Assert.That(Change(worse, "uploads/upload p95").Regressed, Is.True);
        Assert.That(Change(worse, "uploads/upload p95").ChangeText, Is.EqualTo("+21 %"));
        Assert.That(Change(within, "uploads/upload p95").Regressed, Is.False);
        Assert.That(Change(worse, "uploads/upload p99").Regressed, Is.False, "only p95 is judged by the tolerance; p99 is shown");
    }

    [Test]
    public void Success_falling_more_than_the_tolerance_in_points_is_a_regression()
    {
        var tolerance = new Tolerance(20, 1);
        var comparison = Comparison.Between(Run(100, 98.5), Run(100, 100), "base", tolerance);
        Assert.That(Change(comparison, "uploads/upload success").Regressed, Is.True);
        Assert.That(Change(comparison, "uploads/upload success").ChangeText, Is.EqualTo("-1.5 pt"));
        Assert.That(Change(Comparison.Between(Run(100, 99.5), Run(100, 100), "base", tolerance), "uploads/upload success").Regressed, Is.False);
    }

    [Test]
    public void A_figure_the_baseline_lacks_is_new_not_a_regression_and_a_test_it_did_not_run_is_not_compared()
    {
        var baseline = new RunResults { Profile = "smoke", Tests = [new GuideTestResults { Id = "uploads" }] };
        var comparison = Comparison.Between(Run(500, 50), baseline, "base", new Tolerance());
        Assert.That(comparison.Regressions, Is.Empty);
        Assert.That(Change(comparison, "uploads/upload p95").ChangeText, Is.EqualTo("new"));
        var none = Comparison.Between(Run(500, 50), new RunResults { Profile = "smoke" }, "base", new Tolerance());
        Assert.That((none.Changes.Count, none.NotInBaseline.Single()), Is.EqualTo((0, "uploads")));
    }

    [Test]
    public void History_keeps_one_line_per_run_survives_a_damaged_line_and_finds_the_previous_complete_run_of_the_profile()
    {
        using var fixture = new ReportFixture();
        var history = new RunHistory(fixture.Root);
        history.Record(new HistoryEntry("20261101_020000", DateTimeOffset.Parse("2026-11-01T02:00:00Z"), "smoke", "PASS", false, new() { ["a p95"] = 1 }));
        history.Record(new HistoryEntry("20261102_020000", DateTimeOffset.Parse("2026-11-02T02:00:00Z"), "release", "PASS", false, []));
        history.Record(new HistoryEntry("20261103_020000", DateTimeOffset.Parse("2026-11-03T02:00:00Z"), "smoke", "INCOMPLETE", true, []));
        File.AppendAllText(history.Path, "{not json" + Environment.NewLine);
        history.Record(new HistoryEntry("20261101_020000", DateTimeOffset.Parse("2026-11-01T02:00:00Z"), "smoke", "FAIL", false, new() { ["a p95"] = 2 }));

        var all = history.ReadAll();
        Assert.That(all.Select(e => e.Run), Is.EqualTo(new[] { "20261101_020000", "20261102_020000", "20261103_020000" }));
        Assert.That(all[0].Verdict, Is.EqualTo("FAIL"), "a re-rendered run replaces its line");
        Assert.That(history.PreviousComparable("20261104_020000", "smoke")?.Run, Is.EqualTo("20261101_020000"), "skips other profiles and incomplete runs");
        Assert.That(history.PreviousComparable("20261101_020000", "smoke"), Is.Null);
    }
}
