using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Thresholds;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// One result from the agents' parts of one test, exactly: counts add, histograms add (so every
/// percentile is that of the union of all agents' values), each second adds on the common clock (the
/// agents started together), the stages' users or rates add back to the whole plan's. A missing agent
/// is named in the result and its absence stops nothing here: the caller decides what it means.
/// </summary>
public static class RunMerge
{
    /// <param name="parts">each agent's result of the test, with its histograms kept</param>
    /// <param name="missing">agents that sent no result, by index, with why</param>
    public static LoadResult Merge(IReadOnlyList<LoadResult> parts, IReadOnlyDictionary<int, string>? missing = null, IReadOnlyDictionary<int, double>? skewMs = null)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to merge: no agent's result");
        if (parts.FirstOrDefault(p => p.Histograms is null) is { } bare)
            throw new ArgumentException($"{bare.Segment}'s result of {bare.Name} kept no histograms: it cannot be merged exactly");
        var ordered = parts.OrderBy(p => p.Segment.Index).ToList();
        var first = ordered[0];
        var histograms = ordered.SelectMany(p => p.Histograms!).ToLookup(h => h.Step);
        var stats = ordered.SelectMany(p => p.Steps).ToLookup(s => s.Step);
        var stepNames = histograms.Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var stages = first.Stages.Select(s => s with
        {
            From = ordered.Sum(p => p.Stages.ElementAtOrDefault(s.Index)?.From ?? 0), To = ordered.Sum(p => p.Stages.ElementAtOrDefault(s.Index)?.To ?? 0),
        }).ToList();
        var agents = ordered.Select(p => new AgentPart(p.Segment.Index, ShareOf(p), p.Steps.Sum(s => s.Requests), p.Generator, skewMs?.GetValueOrDefault(p.Segment.Index)))
            .Concat((missing ?? new Dictionary<int, string>()).Select(m => new AgentPart(m.Key, "unknown", 0, null, null, m.Value)))
            .OrderBy(a => a.Index).ToList();
        return new LoadResult(first.Name, first.Model, $"{WholePlan(first)} across {agents.Count} agents",
            ordered.Min(p => p.StartedAt), ordered.Max(p => p.PlannedDuration), ordered.Max(p => p.ActualDuration), stages,
            stepNames.Select(n => WholeStep(n, histograms[n], stats[n])).ToList(),
            StageSteps(first, stages, stepNames, histograms),
            Sum(ordered.Select(p => p.Iterations)),
            ordered.SelectMany(p => p.IterationErrors.Select(e => $"agent {p.Segment.Index}: {e}")).Take(10).ToList(),
            Series(ordered, stepNames),
            Thresholds(ordered),
            StoppedEarly(ordered, missing))
        {
            Generator = Generator(ordered), Segment = ExecutionSegment.Whole, Agents = agents,
        };
    }

    /// <summary>The whole plan's description, without the agent's share before it.</summary>
    private static string WholePlan(LoadResult part) => part.Plan.IndexOf(LoadPlan.WholeMarker, StringComparison.Ordinal) is var at and >= 0 ? part.Plan[(at + LoadPlan.WholeMarker.Length)..] : part.Plan;

    /// <summary>An agent's share alone ("2 of 7 users"), without its name and the whole plan around it.</summary>
    private static string ShareOf(LoadResult part)
    {
        var plan = part.Plan;
        var end = plan.IndexOf(LoadPlan.WholeMarker, StringComparison.Ordinal);
        var start = plan.IndexOf(": ", StringComparison.Ordinal);
        return end < 0 || start < 0 || start > end ? plan : plan[(start + 2)..end];
    }

    private static StepStats WholeStep(string step, IEnumerable<StepHistograms> parts, IEnumerable<StepStats> stats)
    {
        var list = parts.ToList();
        var counted = stats.ToList();
        Dictionary<TKey, long> Add<TKey>(Func<StepStats, IReadOnlyDictionary<TKey, long>> of) where TKey : notnull =>
            counted.SelectMany(of).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return StepMeters.Summarise(step, HistogramCodec.Sum(list.Select(h => h.Ok)), HistogramCodec.Sum(list.Select(h => h.Failed)),
            HistogramCodec.Sum(list.Select(h => h.Corrected)),
            new SortedDictionary<int, long>(Add(s => s.StatusCodes)), new SortedDictionary<string, long>(Add(s => s.ErrorClasses), StringComparer.Ordinal),
            counted.SelectMany(s => s.Examples).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(e => e.Value).Take(3).ToList()),
            counted.Sum(s => s.BytesSent), counted.Sum(s => s.BytesReceived));
    }

    private static List<StageResult> StageSteps(LoadResult first, IReadOnlyList<PlannedStage> stages, IReadOnlyList<string> steps, ILookup<string, StepHistograms> histograms) =>
        first.StageSteps.Select(r => new StageResult(stages[r.Stage.Index], steps
            .Select(n => (Name: n, Parts: histograms[n].Select(h => h.Stages.GetValueOrDefault(r.Stage.Index)).OfType<StageHistograms>().ToList()))
            .Where(x => x.Parts.Count > 0)
            .Select(x => StepMeters.Summarise(x.Name, HistogramCodec.Sum(x.Parts.Select(p => p.Ok)), HistogramCodec.Sum(x.Parts.Select(p => p.Failed)), null, null, null, null, 0, 0))
            .ToList())).ToList();

    private static IterationCounts Sum(IEnumerable<IterationCounts> counts) => counts.Aggregate(new IterationCounts(0, 0, 0, 0, 0, 0), (a, c) =>
        new IterationCounts(a.Planned + c.Planned, a.Started + c.Started, a.Completed + c.Completed, a.Failed + c.Failed, a.Interrupted + c.Interrupted, a.Dropped + c.Dropped));

    /// <summary>Second k of every agent is the same second: they started at one agreed instant. An agent whose series ended earlier adds its last totals.</summary>
    private static List<SecondSample> Series(IReadOnlyList<LoadResult> parts, IReadOnlyList<string> steps)
    {
        var length = parts.Max(p => p.Series.Count);
        var perSecond = parts.ToDictionary(p => p, p => p.Histograms!.ToDictionary(h => h.Step, h => h.Seconds));
        var series = new List<SecondSample>(length);
        var sums = steps.ToDictionary(n => n, _ => new HdrHistogram.LongHistogram(1, Histograms.Highest, Histograms.Digits));
        for (var k = 0; k < length; k++)
        {
            var at = parts.Where(p => k < p.Series.Count).Select(p => p.Series[k]).ToList();
            var last = parts.Where(p => k >= p.Series.Count && p.Series.Count > 0).Select(p => p.Series[^1]).ToList();
            var second = k;
            var stepSeconds = steps.ToDictionary(n => n, n =>
            {
                var h = HistogramCodec.SumInto(sums[n], parts.Select(p => perSecond[p].GetValueOrDefault(n)?.ElementAtOrDefault(second)));
                double P(double q) => h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(q) / 1000.0;
                return new StepSecond(h.TotalCount, at.Sum(s => s.Steps.GetValueOrDefault(n)?.Errors ?? 0), P(50), P(95), P(99));
            });
            series.Add(new SecondSample(at[0].T, at.Sum(s => s.ActiveUsers), at.Sum(s => s.TargetUsers),
                at.Concat(last).Sum(s => s.IterationsStarted), at.Concat(last).Sum(s => s.Dropped), stepSeconds));
        }
        return series;
    }

    /// <summary>Each limit as its worst agent saw it on its share: failed if any agent's failed.</summary>
    private static List<ThresholdResult> Thresholds(IReadOnlyList<LoadResult> parts) =>
        parts.SelectMany(p => p.Thresholds.Select(t => (Agent: p.Segment.Index, Result: t)))
            .GroupBy(x => (x.Result.Threshold, x.Result.Step, x.Result.Window, x.Result.Where))
            .Select(g => g.OrderBy(x => x.Result.Passed).First())
            .Select(x => x.Result with { Note = $"as agent {x.Agent} saw it on its share" + (x.Result.Note is { } n ? $"; {n}" : "") })
            .ToList();

    private static string? StoppedEarly(IReadOnlyList<LoadResult> parts, IReadOnlyDictionary<int, string>? missing)
    {
        var reasons = parts.Where(p => p.StoppedEarly is not null).Select(p => $"agent {p.Segment.Index}: {p.StoppedEarly}")
            .Concat((missing ?? new Dictionary<int, string>()).Select(m => $"agent {m.Key}: {m.Value}")).ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>The generator as the worst agent saw itself, every saturated agent named in the reasons.</summary>
    private static GeneratorFigures? Generator(IReadOnlyList<LoadResult> parts)
    {
        var watched = parts.Where(p => p.Generator is not null).ToList();
        if (watched.Count == 0) return null;
        var worst = watched.OrderByDescending(p => p.Generator!.Saturated).ThenByDescending(p => p.Generator!.CpuMedian ?? 0).First().Generator!;
        return worst with
        {
            Reasons = watched.SelectMany(p => p.Generator!.Reasons.Select(r => $"agent {p.Segment.Index}: {r}")).ToList(),
            Arrivals = watched.Sum(p => p.Generator!.Arrivals), DroppedArrivals = watched.Sum(p => p.Generator!.DroppedArrivals),
        };
    }
}
