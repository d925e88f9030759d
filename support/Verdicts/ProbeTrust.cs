using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// A probe's own timing (the storage probe's PUT, a failure by its timeout) is evidence about the target
/// only while the machine running the probes had cores to spare: probes run in the suite's process, so a
/// saturated load generator or a machine at its limit makes them slow by itself. The seconds where the
/// suite's machine used <see cref="MachineLimitPercent"/> % of its CPU or more, and every second of a
/// test whose generator was saturated, are left out.
/// </summary>
public static class ProbeTrust
{
    /// <summary>The same level as the generator's CPU limit (Locust's warning level).</summary>
    public const double MachineLimitPercent = JudgingTolerances.MachineLimitPercent;

    public static IEnumerable<ProbeSample> Trusted(GuideTestRecord r, string probe)
    {
        if (r.Load.Generator is { Saturated: true }) return [];
        var busy = r.Infrastructure.Values(ProbeNames.Resources, ResourceMeasurements.MachineCpu).Where(v => v.Value >= MachineLimitPercent).Select(v => v.T).ToList();
        return r.Infrastructure.Samples.Where(s => s.Probe == probe && !busy.Any(t => Math.Abs(t - s.T) <= JudgingTolerances.BusyNeighbourhoodSeconds));
    }

    /// <summary>Why some of a probe's samples were left out, or null when none were.</summary>
    public static string? Untrusted(GuideTestRecord r, string probe)
    {
        var all = r.Infrastructure.Samples.Count(s => s.Probe == probe);
        var left = all - Trusted(r, probe).Count();
        return left == 0 ? null : r.Load.Generator is { Saturated: true }
            ? $"{r.TestId}: the {probe} probe's own timings were not used as evidence: the load generator was saturated"
            : $"{r.TestId}: {left} of {all} {probe} probe samples were not used as evidence: the suite's machine was at {MachineLimitPercent:0} % CPU or more then";
    }
}
