using System.Collections.Concurrent;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// What a scenario states about a guide test, as data: the judge computes every verdict from the
/// records and all statements (<see cref="Judge"/>), so no verdict depends on which scenario ran first.
/// </summary>
/// <param name="Test">the guide test the statement is about</param>
public abstract record Statement(string Test)
{
    /// <summary>Two statements with the same key say the same thing: stating it again changes nothing.</summary>
    public abstract string Key { get; }

    protected static string RowsKey(IEnumerable<CriteriaRow> rows) => string.Join(" | ", rows.Select(r => $"{r.Criterion}={r.Threshold}~{r.Warning}"));
}

/// <summary>"the test meets these criteria:" and, for a ramp, "up to N users the test meets these criteria:".</summary>
/// <param name="UpToUsers">a ramp scenario's "up to N users", else null (every stage counts)</param>
public sealed record CriteriaStatement(string Test, IReadOnlyList<CriteriaRow> Rows, int? UpToUsers = null) : Statement(Test)
{
    public override string Key => $"criteria {Test} up to {UpToUsers}: {RowsKey(Rows)}";
}

/// <summary>"acceptance criterion N is met: title" with the rows that decide it, read from <see cref="Statement.Test"/>.</summary>
public sealed record AcceptanceStatement(int Number, string Title, string Test, IReadOnlyList<CriteriaRow> Rows) : Statement(Test)
{
    public override string Key => $"acceptance {Number} {Title} on {Test}: {RowsKey(Rows)}";
}

/// <summary>"it held those limits while it ran": the limits the test was held to, judged from what the engine saw.</summary>
public sealed record HeldLimitsStatement(string Test, IReadOnlyList<HeldLimit> Limits) : Statement(Test)
{
    public override string Key => $"held {Test}: {string.Join(" | ", Limits.Select(l => l.Id + "=" + l.Threshold))}";
}

/// <summary>Every statement the run's scenarios made, each once, whatever order they came in (thread-safe).</summary>
public sealed class RunStatements
{
    private readonly ConcurrentDictionary<string, Statement> _all = new();

    public void State(Statement statement) => _all.TryAdd(statement.Key, statement);

    /// <summary>A snapshot, in a fixed order (by key), for the judge.</summary>
    public IReadOnlyList<Statement> All => _all.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value).ToList();
}
