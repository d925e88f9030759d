using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Verdicts.Capacity;
using MangaMotion.Acceptance.Verdicts.Regression;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Everything judged about a run at one checkpoint: the run's verdict and sign-off eligibility, the
/// criteria the scenarios stated (in the guide's order), the error classes, the bottleneck diagnosis,
/// each ramp's breaking point and the timeline. Computed once, before any report is written; writers only render it.
/// </summary>
public sealed record Judgement(
    Verdict Verdict, SignOffEligibility Eligibility, string? Partial, IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<ErrorClassification> Classifications, IReadOnlyList<BottleneckDiagnosis> Diagnoses,
    IReadOnlyDictionary<string, BreakingPoint> BreakingPoints, IReadOnlyList<TimelineEvent> Timeline)
{
    /// <summary>Each test's own error classes and diagnoses, what its scenario's steps report.</summary>
    public required IReadOnlyDictionary<string, TestFindings> ByTest { get; init; }

    /// <summary>The figures the scenarios asked to be compared with the history, each with its interval.</summary>
    public IReadOnlyList<FigureComparison> Comparisons { get; init; } = [];

    /// <summary>Where the history's figures shifted, this run included.</summary>
    public IReadOnlyList<ChangePoint> ChangePoints { get; init; } = [];

    /// <summary>Each ramp's capacity model: how far past the ramp the deployment holds and what gives first.</summary>
    public IReadOnlyList<CapacityFindings> Capacity { get; init; } = [];
}

/// <summary>One guide test's error classes and the bottlenecks its measurements show.</summary>
public sealed record TestFindings(IReadOnlyList<ErrorClassification> Classifications, IReadOnlyList<BottleneckDiagnosis> Diagnoses);

/// <summary>
/// The one place a run is judged: a pure function of its records and what its scenarios stated, the
/// same whatever order the scenarios ran or stated in, and however often it is asked.
/// </summary>
public static class Judge
{
    /// <param name="history">the earlier runs of this target and profile, or null when none were read</param>
    public static Judgement Run(string profile, bool interrupted, IReadOnlyList<Statement> stated, IReadOnlyList<GuideTestRecord> tests, PastRuns? history = null)
    {
        var ordered = InGuideOrder(tests);
        var regressions = stated.OfType<RegressionStatement>().ToList();
        // Each regression statement judged once: its rows are criteria, its comparisons the sign-off's table.
        var compared = regressions.Where(s => ordered.Any(t => t.TestId == s.Test))
            .ToDictionary(s => s.Key, s => RegressionJudge.Judge(s, ordered.First(t => t.TestId == s.Test), history));
        // Each ramp's model fitted once: its findings and its headroom rows are read from the same bootstrap.
        var capacity = ordered.Where(t => t.Load.StageSteps.Count > 1).ToDictionary(t => t.TestId, t => Headroom.Findings(t, stated));
        var criteria = Criteria(stated, ordered, history, compared, capacity);
        var comparisons = compared.Values.SelectMany(x => x.Select(y => y.Comparison)).DistinctBy(c => (c.Test, c.Figure)).ToList();
        return new Judgement(
            interrupted ? Verdict.Incomplete : Verdicts.OfRun(criteria.Select(c => c.Verdict).ToList()),
            SignOffEligibility.Judge(profile, interrupted, ordered, criteria, GuideTest.All),
            Partial(ordered.Select(t => t.TestId)),
            criteria,
            Classification.Classify(ordered),
            Diagnosis.Diagnose(ordered),
            ordered.Where(t => t.Load.StageSteps.Count > 1).ToDictionary(t => t.TestId, t => BreakingPoint(t, stated)),
            Timeline.Of(ordered))
        {
            ByTest = ordered.ToDictionary(t => t.TestId, t => new TestFindings(Classification.Classify([t]), Diagnosis.Diagnose([t]))),
            Comparisons = comparisons,
            ChangePoints = history is null ? [] : ordered.SelectMany(t => RegressionJudge.ChangePointsOf(t, history, regressions, comparisons)).ToList(),
            Capacity = [.. capacity.Values],
        };
    }

    /// <summary>What a step asserts on: its own statement judged against its test's record (an acceptance criterion as one result).</summary>
    /// <exception cref="ArgumentException">a row names no criterion of the test</exception>
    /// <exception cref="FormatException">a threshold or warning band is not written as accepted</exception>
    /// <param name="stated">everything stated so far, for a statement judged against the others' limits (headroom)</param>
    public static IReadOnlyList<CriterionResult> Of(Statement statement, GuideTestRecord record, PastRuns? history = null, IReadOnlyList<Statement>? stated = null) => statement switch
    {
        AcceptanceStatement a => [Acceptance(a, Rows(a.Rows, record, null))],
        HeldLimitsStatement { Limits.Count: 0 } => throw new InvalidOperationException(
            $"the {record.TestId} test was held to no limits while it ran: state them in a Given step before the step that runs it"),
        _ => Everything(statement, record, history, [.. stated ?? [], statement]),
    };

    /// <summary>The ramp's breaking point against the per-stage limits the run's scenarios stated for it.</summary>
    public static BreakingPoint BreakingPoint(GuideTestRecord ramp, IReadOnlyList<Statement> stated)
    {
        var tables = stated.OfType<CriteriaStatement>().Where(s => s.Test == ramp.TestId).ToList();
        var rows = tables.SelectMany(s => s.Rows).Select(r => CriteriaBook.Parse(r, ramp)).DistinctBy(c => c.Id).ToList();
        var upTo = tables.Select(s => s.UpToUsers).Where(u => u is not null).Min();
        return Ramp.BreakingPoint(ramp, new RampLimits(upTo, rows));
    }

    /// <summary>Why the run is partial (not every guide test ran), or null.</summary>
    public static string? Partial(IEnumerable<string> ran)
    {
        var missing = GuideTest.All.Except(ran).ToList();
        return missing.Count == 0 ? null
            : $"only {string.Join(", ", GuideTest.All.Except(missing))} of the guide's tests ran (not {string.Join(", ", missing)}): a partial run is never the default baseline";
    }

    /// <summary>Every statement's results, each once: acceptance criteria 1-4 first, then each test's in the guide's order, each in its table's order.</summary>
    private static IReadOnlyList<CriterionResult> Criteria(IReadOnlyList<Statement> stated, IReadOnlyList<GuideTestRecord> tests, PastRuns? history,
        IReadOnlyDictionary<string, IReadOnlyList<(FigureComparison Comparison, CriterionResult Result)>> compared, IReadOnlyDictionary<string, CapacityFindings> capacity) =>
        stated.Where(s => tests.Any(t => t.TestId == s.Test))
            .SelectMany(s => (s is RegressionStatement r ? compared[r.Key].Select(x => x.Result).ToList() : Everything(s, tests.First(t => t.TestId == s.Test), history, stated, capacity.GetValueOrDefault(s.Test))).Select(r => (Order: Position(s, r), Result: r)))
            .DistinctBy(x => (x.Result.Id, x.Result.Threshold, x.Result.Verdict, x.Result.Evidence))
            .OrderBy(x => x.Order.Section).ThenBy(x => x.Order.Row).ThenBy(x => x.Result.Id, StringComparer.Ordinal)
            .ThenBy(x => x.Result.Threshold, StringComparer.Ordinal).ThenBy(x => x.Result.Verdict)
            .Select(x => x.Result).ToList();

    /// <summary>An acceptance criterion is listed with the rows that decide it, which are also its test's criteria.</summary>
    /// <param name="capacity">the ramp's capacity findings when already fitted at this checkpoint</param>
    private static IReadOnlyList<CriterionResult> Everything(Statement statement, GuideTestRecord record, PastRuns? history, IReadOnlyList<Statement> stated,
        CapacityFindings? capacity = null) => statement switch
    {
        HeadroomStatement h => Headroom.Judge(h, record, stated, capacity),
        RegressionStatement r => RegressionJudge.Judge(r, record, history).Select(x => x.Result).ToList(),
        CriteriaStatement c => Rows(c.Rows, record, c.UpToUsers),
        AcceptanceStatement a => Rows(a.Rows, record, null) is var rows ? [.. rows, Acceptance(a, rows)] : [],
        HeldLimitsStatement h => HeldLimits.Judge(record, h.Limits),
        _ => throw new ArgumentException($"no judging for {statement.GetType().Name}"),
    };

    private static IReadOnlyList<CriterionResult> Rows(IEnumerable<CriteriaRow> rows, GuideTestRecord record, int? upToUsers) =>
        rows.Select(r => CriteriaBook.Judge(r, record, upToUsers)).ToList();

    /// <summary>Acceptance criteria before the tests; a test's table rows in the book's order, limits held while it ran after them.</summary>
    private static (int Section, int Row) Position(Statement statement, CriterionResult result)
    {
        if (statement is AcceptanceStatement a && result.Id == AcceptanceId(a.Number)) return (a.Number, 0);
        var test = 100 + Math.Max(0, GuideTest.All.ToList().IndexOf(statement.Test));
        return statement is HeldLimitsStatement h ? (test, 1000 + h.Limits.ToList().FindIndex(l => l.Id == result.Id)) : (test, CriteriaBook.Position(result.Id));
    }

    private static string AcceptanceId(int number) => CriterionIds.Acceptance(number);

    private static CriterionResult Acceptance(AcceptanceStatement a, IReadOnlyList<CriterionResult> rows) =>
        new(AcceptanceId(a.Number), a.Title, Verdicts.Worst(rows.Select(r => r.Verdict)),
            rows.Count == 1 ? rows[0].Observed : null, string.Join(" and ", rows.Select(r => $"{r.Title.Split(": ").Last()}")),
            rows.Count == 1 ? rows[0].Unit : "", string.Join("; ", rows.Select(r => $"{r.Verdict.Label()} {r.Evidence}")));

    private static IReadOnlyList<GuideTestRecord> InGuideOrder(IReadOnlyList<GuideTestRecord> tests) =>
        tests.OrderBy(t => GuideTest.All.ToList().IndexOf(t.TestId) is var i and >= 0 ? i : int.MaxValue).ThenBy(t => t.TestId, StringComparer.Ordinal).ToList();
}
