using System.Globalization;
using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>"the deployment has headroom over the expected concurrency:" with its rows, about the ramp it follows.</summary>
public sealed record HeadroomStatement(string Test, IReadOnlyList<CriteriaRow> Rows) : Statement(Test)
{
    public override string Key => $"headroom {Test}: {RowsKey(Rows)}";
}

/// <summary>
/// The headroom a scenario asks for, judged from the ramp's capacity model: the users before any of the
/// scenarios' limits gives (the ramp's latency increase, the uploads' P95, the peak, the worker falling
/// behind, or a limit the ramp already broke), and the worker's drain rate against the expected upload rate.
/// </summary>
public static partial class Headroom
{
    public const string UsersRow = "users before any criterion breaks", WorkerRow = "sustainable upload rate for the worker";

    /// <summary>The limit every ramp has: the users past which throughput stops growing.</summary>
    public const string PeakLimit = "the deployment's peak";

    [GeneratedRegex(@"^at least\s+(\d+(?:\.\d+)?)\s*[×x*]\s*(\d+)$")]
    internal static partial Regex UsersThreshold();

    [GeneratedRegex(@"^at least\s+(\d+(?:\.\d+)?)\s*[×x*]\s*the expected rate$")]
    internal static partial Regex RateThreshold();

    /// <summary>The model of the ramp and where each stated limit gives on it.</summary>
    public static CapacityFindings Findings(GuideTestRecord ramp, IReadOnlyList<Statement> stated)
    {
        var model = CapacityModel.Of(StageLoads.Of(ramp), Pacing.ThinkTime.TotalSeconds);
        var (drain, atLeast) = WorkerDrain(model.Stages);
        var findings = CapacityReading.Findings(ramp.TestId, model, Rules(ramp, model, stated, atLeast ? null : drain), drain, atLeast);
        var expected = stated.OfType<HeadroomStatement>().Where(s => s.Test == ramp.TestId).Select(ExpectedUsers).FirstOrDefault(u => u is not null);
        return findings with { ExpectedUsers = expected, QueueAtExpected = expected is { } users ? WorkerBacklog.At(findings, users, QueueLimit(ramp, stated)) : null };
    }

    /// <summary>The queue depth the ramp's scenario allows (its "queue depth below N jobs" row), if it states one.</summary>
    private static double? QueueLimit(GuideTestRecord ramp, IReadOnlyList<Statement> stated) =>
        stated.OfType<CriteriaStatement>().Where(s => s.Test == ramp.TestId).SelectMany(s => s.Rows)
            .Where(r => CriteriaBook.Find(ramp.TestId, r.Criterion).Id == CriterionIds.BottleneckQueueDepth)
            .Select(r => (double?)CriteriaBook.Parse(r, ramp).Limit).FirstOrDefault();

    /// <summary>The N of a statement's "at least F × N" row, if it has one.</summary>
    private static double? ExpectedUsers(HeadroomStatement statement) =>
        statement.Rows.Select(r => UsersThreshold().Match(r.Threshold.Trim())).FirstOrDefault(m => m.Success) is { } m
            ? double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;

    /// <exception cref="FormatException">a row or threshold the statement does not know, naming what it accepts</exception>
    /// <param name="findings">the ramp's findings if the checkpoint already fitted them (from the same statements)</param>
    public static IReadOnlyList<CriterionResult> Judge(HeadroomStatement statement, GuideTestRecord ramp, IReadOnlyList<Statement> stated, CapacityFindings? findings = null)
    {
        findings ??= Findings(ramp, stated);
        var expected = ExpectedUsers(statement);
        return statement.Rows.Select(row => row.Criterion.Trim() switch
        {
            UsersRow => HeadroomCriteria.Users(row, findings, ramp.Title, UsersThreshold().Match(row.Threshold.Trim()), Broke(ramp, stated)),
            WorkerRow => HeadroomCriteria.WorkerRate(row, findings, ramp.Title, RateThreshold().Match(row.Threshold.Trim()), expected, QueueLimit(ramp, stated)),
            _ => throw new FormatException($"'{row.Criterion}' is not a headroom criterion; known: '{UsersRow}', '{WorkerRow}'"),
        }).ToList();
    }

    private static (int, bool)? Broke(GuideTestRecord ramp, IReadOnlyList<Statement> stated) =>
        MangaMotion.Acceptance.Verdicts.Judge.BreakingPoint(ramp, stated) is { Users: { } users } point ? (point.CertainUsers ?? users, point.CertainUsers is not null) : null;

    /// <summary>Jobs per second the worker drained in the stages where the queue grew (arrivals minus growth); else at least the most that arrived.</summary>
    public static (double? Drain, bool AtLeast) WorkerDrain(IReadOnlyList<StageLoad> stages)
    {
        var growing = stages.Where(s => s.QueueGrowthPerSecond is { } g && g > Math.Max(0.2, 0.05 * s.Throughput)).ToList();
        if (growing.Count > 0) return (growing.Average(s => s.Throughput - s.QueueGrowthPerSecond!.Value), false);
        return stages.Any(s => s.QueueGrowthPerSecond is not null) ? (stages.Max(s => s.Throughput), true) : (null, false);
    }

    /// <summary>Each limit the run's scenarios stated that the model can place, plus the peak and the worker falling behind.</summary>
    private static List<LimitRule> Rules(GuideTestRecord ramp, CapacityModel model, IReadOnlyList<Statement> stated, double? drain)
    {
        var rules = new List<LimitRule>();
        var rows = stated.OfType<CriteriaStatement>().SelectMany(s => s.Rows.Select(r => (s.Test, Row: r))).ToList();
        var baseline = model.Stages.Count > 0 ? model.Stages[0].P95Ms : 0;
        foreach (var (test, row) in rows.DistinctBy(x => (x.Test, x.Row.Criterion)))
        {
            if (test == ramp.TestId && CriteriaBook.Find(test, row.Criterion).Id == CriterionIds.BottleneckDegradation)
            {
                var c = Criterion.Parse(CriterionIds.BottleneckDegradation, row.Criterion, row.Threshold);
                rules.Add(new LimitRule($"{row.Criterion} {row.Threshold}",
                    (m, f) => m.FirstUsersWhere(f, n => !c.IsMetBy(Ramp.IncreasePercent(baseline, m.P95MsAt(f, n)))), _ => $"upload P95 +{c.Limit:0.###} % over the first stage"));
            }
            else if (test == GuideTest.Uploads && CriteriaBook.Find(test, row.Criterion).Id == CriterionIds.UploadsP95)
            {
                var c = Criterion.Parse(CriterionIds.UploadsP95, row.Criterion, row.Threshold);
                rules.Add(new LimitRule($"upload {row.Criterion} {row.Threshold}", (m, f) => m.FirstUsersWhere(f, n => !c.IsMetBy(m.P95MsAt(f, n) / 1000)), _ => $"upload P95 reaches {c.Limit:0.###} {c.Unit}"));
            }
        }
        rules.Add(new LimitRule(PeakLimit, (m, f) => m.PeakUsers(f), _ => "throughput peaks"));
        if (drain is { } d)
            rules.Add(new LimitRule("the worker falls behind", (m, f) => m.FirstUsersWhere(f, n => m.ThroughputAt(f, n) > d), _ => $"the worker falls behind ({d:0.#} jobs/s)"));
        return rules;
    }
}
