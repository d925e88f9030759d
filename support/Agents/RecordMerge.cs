using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Agents;

/// <summary>
/// One test's record from its agents' partial results: agent 0's record (the probes, the queue, the
/// sizes applied) with the load merged exactly across agents and the followed jobs' fates added up.
/// </summary>
public static class RecordMerge
{
    public static GuideTestRecord Merge(IReadOnlyList<PartialResult> partials, IReadOnlyDictionary<int, string> missing, IReadOnlyDictionary<int, double> skewMs)
    {
        if (partials.Count == 0) throw new AgentsMissingException([.. missing.Keys.Order()], "sent no result: nothing to merge");
        var ordered = partials.OrderBy(p => p.Agent).ToList();
        var lead = ordered[0].Record;
        var load = RunMerge.Merge(ordered.Select(p => p.Record.Load).ToList(), missing, skewMs);
        var jobs = ordered.Select(p => p.Record.Jobs).OfType<JobOutcomes>().ToList();
        return lead with
        {
            Load = load,
            Jobs = jobs.Count == 0 ? lead.Jobs : Add(jobs),
            Applied = $"{lead.Applied}, across {ordered[0].Agents} agents",
        };
    }

    private static JobOutcomes Add(IReadOnlyList<JobOutcomes> all) => new(
        all.Sum(j => j.Created), all.Sum(j => j.Completed), all.Sum(j => j.Failed), all.Sum(j => j.TimedOut), all.Sum(j => j.FateUnknown), all.Sum(j => j.Witnessed),
        all.SelectMany(j => j.FailedReasons).Take(20).ToList(), all.SelectMany(j => j.CompletionSeconds).ToList(), all[0].WindowSeconds,
        all.SelectMany(j => j.Witnesses).Distinct().ToList(), all.SelectMany(j => j.UnrecognisedStates).Distinct().ToList());
}
