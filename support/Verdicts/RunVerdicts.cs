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

    private readonly ConcurrentDictionary<string, RampLimits> _rampLimits = new();

    /// <summary>A ramp's limits as a scenario stated them; a later table for the same test adds its rows.</summary>
    public void StateRampLimits(string testId, RampLimits limits) =>
        _rampLimits.AddOrUpdate(testId, limits, (_, before) => new RampLimits(limits.UpToUsers ?? before.UpToUsers,
            [.. before.Rows.Where(b => limits.Rows.All(l => l.Id != b.Id)), .. limits.Rows]));

    /// <summary>The ramp's breaking point against the limits the run's scenarios stated for it.</summary>
    public BreakingPoint BreakingPointOf(RunRecord ramp) =>
        Ramp.BreakingPoint(ramp, _rampLimits.TryGetValue(ramp.TestId, out var limits) ? limits : new RampLimits(null, []));

    public IReadOnlyList<CriterionResult> Criteria => _criteria.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

    /// <summary>The run's verdict: INCOMPLETE when cut short, else <see cref="Verdicts.OfRun"/> of its criteria.</summary>
    public Verdict Overall(bool interrupted) => interrupted ? Verdict.Incomplete : Verdicts.OfRun(_criteria.Values.Select(c => c.Verdict).ToList());
}
