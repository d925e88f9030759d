using MangaMotion.Acceptance.Results.History;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>
/// "no key figure regressed against the last N runs of this profile": each row a figure and the change it tolerates.
/// </summary>
public sealed record RegressionStatement(string Test, int Runs, IReadOnlyList<RegressionRow> Rows) : Statement(Test)
{
    public override string Key => $"regression {Test} over {Runs}: {string.Join(" | ", Rows.Select(r => r.Figure + "=" + r.Tolerated))}";
}

/// <summary>Judges regression statements and finds change points: pure functions of this run's records and the history it was handed.</summary>
public static class RegressionJudge
{
    /// <summary>The tolerance a change point is named past, for a figure no scenario states one for (percent).</summary>
    public const double DefaultShiftPercent = 20;

    /// <summary>The earlier runs a newest run is compared with for a change point when no scenario states a number.</summary>
    public const int DefaultWindow = 10;

    /// <exception cref="FormatException">a row names no figure, or its tolerance is not written as accepted</exception>
    public static IReadOnlyList<(FigureComparison Comparison, CriterionResult Result)> Judge(RegressionStatement statement, GuideTestRecord record, PastRuns? history)
    {
        var figures = statement.Rows.Select(RegressionFigure.Parse).ToList();
        var now = ThisRun(record);
        return figures.Select(f =>
        {
            var comparison = history is null ? Unmeasured(f, record.TestId, "no run history was read for this run")
                : history.Unavailable is { } why ? Unmeasured(f, record.TestId, $"the history store {history.Store} could not be read: {why}")
                : FigureComparer.Compare(f, record.TestId, now, BaselineWindow.For(record.TestId, record.Applied, history, statement.Runs), history.Named is not null);
            return (comparison, Result(statement, record.Title, f, comparison, history));
        }).ToList();
    }

    /// <summary>Each step's latency P95 over the like-for-like history and this run, with the shifts found in it.</summary>
    /// <param name="compared">the run's comparisons: a stated figure that regressed there marks the newest run as a shift</param>
    public static IReadOnlyList<ChangePoint> ChangePointsOf(GuideTestRecord record, PastRuns history, IReadOnlyList<RegressionStatement> stated, IReadOnlyList<FigureComparison> compared)
    {
        if (history.Unavailable is not null) return [];
        var now = ThisRun(record);
        var earlier = BaselineWindow.LikeForLike(record.TestId, record.Applied, history).TakeLast(50).ToList();
        var found = new List<ChangePoint>();
        foreach (var step in now.Steps.Where(s => s.Histogram is not null))
        {
            var words = $"{step.Step} P95";
            var row = stated.Where(s => s.Test == record.TestId).SelectMany(s => s.Rows).FirstOrDefault(r => r.Figure.Trim().Equals(words, StringComparison.OrdinalIgnoreCase));
            var figure = RegressionFigure.Parse(row ?? new RegressionRow(words, $"{DefaultShiftPercent} %"));
            var series = earlier.Select(r => (Run: r, Step: r.Test(record.TestId)!.Step(step.Step)))
                .Where(x => x.Step?.Histogram is not null)
                .Select(x => new TrendPoint(x.Run.Run, x.Run.StartedAt, x.Run.TargetVersion, LatencyDistribution.Decode(x.Step!.Histogram!).Quantile(0.95)))
                .Append(new TrendPoint(history.ThisRun ?? "this run", record.Load.StartedAt, null, LatencyDistribution.Decode(step.Histogram!).Quantile(0.95))).ToList();
            var comparison = compared.FirstOrDefault(c => c.Test == record.TestId && c.Figure == row?.Figure)
                ?? FigureComparer.Compare(figure, record.TestId, now, BaselineWindow.For(record.TestId, record.Applied, history with { Named = null }, DefaultWindow), named: false);
            var regressed = comparison.Movement == Movement.Regressed;
            found.AddRange(ChangePoints.Find(record.TestId, words, "ms", series, figure.Tolerance, regressed));
        }
        return found;
    }

    /// <summary>This run's test as the history will keep it.</summary>
    public static HistoryTest ThisRun(GuideTestRecord record) => new(record.TestId, record.Applied, record.Load.StoppedEarly,
        record.Load.Steps.Select(s => new HistoryStep(s.Step, s.Requests, s.Ok, s.EncodedHistogram())).ToList(),
        record.Jobs?.CompletionAt(0.95));

    private static FigureComparison Unmeasured(RegressionFigure f, string test, string why) =>
        new(test, f.Words, f.Tolerance, f.ChangeUnit, Movement.NotMeasured, null, null, null, null, null, null, [], why);

    private static CriterionResult Result(RegressionStatement statement, string title, RegressionFigure f, FigureComparison c, PastRuns? history)
    {
        var verdict = c.Movement switch
        {
            Movement.Regressed => Verdict.Fail,
            Movement.WithinNoise => Verdict.Warn,
            Movement.NotMeasured => Verdict.NotMeasured,
            _ => Verdict.Pass,
        };
        var window = history?.Named is { } named ? $"run {named} (BASELINE_RUN)" : $"the last {history?.Window ?? statement.Runs} like-for-like runs{(history?.Window is not null ? " (BASELINE_WINDOW)" : "")}";
        return new CriterionResult(CriterionIds.Regression(statement.Test, f.Words), $"{title}: {f.Words} has not regressed against {window}", verdict, c.Change,
            $"change ≤ {f.Tolerance:0.##} {(f.ChangeUnit == "pt" ? "points" : "%")}", f.ChangeUnit == "pt" ? "pt" : "%", c.Evidence)
        {
            Samples = c.Rank?.NowCount,
            Detail = history is null ? null : $"history: {history.Store}; runs compared: {(c.Runs.Count == 0 ? "none" : string.Join(", ", c.Runs))}"
                + (history.Skipped.Count > 0 ? $"; skipped: {string.Join("; ", history.Skipped)}" : ""),
        };
    }
}
