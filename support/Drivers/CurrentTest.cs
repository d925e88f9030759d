using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>The guide test a scenario ran or reads, shared by its steps (one instance per scenario).</summary>
public sealed class CurrentTest
{
    private RunRecord? _record;

    /// <summary>Limits a Given step stated for the test the scenario runs next, held while it runs.</summary>
    public IReadOnlyList<CriteriaRow> LimitsWhileRunning { get; set; } = [];

    public RunRecord Record
    {
        get => _record ?? throw new InvalidOperationException("No guide test has run in this scenario: start it with a 'When the … test runs' step");
        set => _record = value;
    }
}

/// <summary>Judging a criteria table from a scenario: every row judged, recorded for the run, and one verdict for the step.</summary>
public static class CriteriaTable
{
    /// <param name="upToUsers">a ramp scenario's "up to N users", else null</param>
    public static IReadOnlyList<CriterionResult> Judge(RunVerdicts verdicts, RunRecord record, IEnumerable<CriteriaRow> rows, int? upToUsers = null)
    {
        var list = rows.ToList();
        if (record.Load.StageSteps.Count > 1)
            verdicts.StateRampLimits(record.TestId, new RampLimits(upToUsers, list.Select(r => CriteriaBook.Parse(r, record)).ToList()));
        var results = list.Select(r => CriteriaBook.Judge(r, record, upToUsers)).ToList();
        foreach (var r in results) verdicts.Add(r);
        return results;
    }

    /// <summary>The limits the test was held to while it ran, judged from what the engine saw, recorded for the run.</summary>
    public static IReadOnlyList<CriterionResult> JudgeHeld(RunVerdicts verdicts, RunRecord record, IReadOnlyList<HeldLimit> limits)
    {
        if (limits.Count == 0) throw new InvalidOperationException($"the {record.TestId} test was held to no limits while it ran: state them in a Given step before the step that runs it");
        var results = HeldLimits.Judge(record, limits);
        foreach (var r in results) verdicts.Add(r);
        return results;
    }

    /// <summary>The acceptance criterion N as one result: the worst of its rows, with their evidence.</summary>
    public static CriterionResult Acceptance(RunVerdicts verdicts, int number, string title, IReadOnlyList<CriterionResult> rows)
    {
        var result = new CriterionResult($"acceptance.{number}", title, Verdicts.Verdicts.Worst(rows.Select(r => r.Verdict)),
            rows.Count == 1 ? rows[0].Observed : null, string.Join(" and ", rows.Select(r => $"{r.Title.Split(": ").Last()}")),
            rows.Count == 1 ? rows[0].Unit : "", string.Join("; ", rows.Select(r => $"{r.Verdict.Label()} {r.Evidence}")));
        verdicts.Add(result);
        return result;
    }

    /// <summary>Every row PASS, WARN or NOT_APPLICABLE (a FAIL, INCOMPLETE or NOT_MEASURED row means the criteria were not shown to be met); the text lists every row.</summary>
    public static (bool Passed, string Text) Summarize(IEnumerable<CriterionResult> results)
    {
        var list = results.ToList();
        // A criterion of several rows has no single observed value: its rows' evidence says what was seen.
        static string Observed(CriterionResult r) => r.Observed is { } o
            ? $"observed {o.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} {r.Unit}, "
            : r.Verdict is Verdict.Incomplete or Verdict.NotMeasured ? "nothing measured, " : "";
        var text = string.Join(Environment.NewLine, list.Select(r => $"{r.Verdict.Label(),-10} {r.Id}: {Observed(r)}threshold {r.Threshold} ({r.Evidence})"));
        return (list.All(r => r.Verdict is Verdict.Pass or Verdict.Warn or Verdict.NotApplicable), text);
    }
}
