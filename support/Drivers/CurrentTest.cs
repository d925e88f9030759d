using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>The guide test a scenario ran or reads, shared by its steps (one instance per scenario).</summary>
public sealed class CurrentTest
{
    private GuideTestRecord? _record;

    /// <summary>Limits a Given step stated for the test the scenario runs next, held while it runs.</summary>
    public IReadOnlyList<CriteriaRow> LimitsWhileRunning { get; set; } = [];

    public GuideTestRecord Record
    {
        get => _record ?? throw new InvalidOperationException("No guide test has run in this scenario: start it with a 'When the … test runs' step");
        set => _record = value;
    }
}

/// <summary>How a step reports the judge's answer about its own rows: one line per row, and whether they were shown to be met.</summary>
public static class CriteriaTable
{
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
