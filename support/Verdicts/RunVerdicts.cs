using MangaMotion.Acceptance.Results;
using System.Collections.Concurrent;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>Everything judged during one run, collected as scenarios judge it, for results.json and the sign-off.</summary>
public sealed class RunVerdicts
{
    private readonly ConcurrentDictionary<string, CriterionResult> _criteria = new();

    public IReadOnlyList<ReadinessLine> Readiness { get; set; } = [];
    public IReadOnlyList<ConfigurationFact> Configuration { get; set; } = [];

    public void Add(CriterionResult result) => _criteria[result.Id] = result;

    public IReadOnlyList<CriterionResult> Criteria => _criteria.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

    /// <summary>The run's verdict: INCOMPLETE when cut short, else <see cref="Verdicts.OfRun"/> of its criteria.</summary>
    public Verdict Overall(bool interrupted) => interrupted ? Verdict.Incomplete : Verdicts.OfRun(_criteria.Values.Select(c => c.Verdict).ToList());
}
