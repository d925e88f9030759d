using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using System.Globalization;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// The guide's "CPU &lt; 80 %, memory &lt; 85 %" is about the system under test, so it is read only from a
/// source of the target's own figures: the deployment's Prometheus, the Docker host's containers (the guide's `docker stats`), or the
/// target's processes on this machine (the embedded stack; TARGET_PROCESSES). Never the machine the
/// suite runs on: without a source the criterion is NOT_MEASURED, naming the settings that would give one.
/// </summary>
public static class TargetResources
{
    private const string Cpu = ResourceMeasurements.TargetCpu, Memory = ResourceMeasurements.TargetMemory;

    /// <summary>Where the target's figures came from, best first: (probe, its description).</summary>
    private static readonly (string Probe, string Source)[] Sources =
    [
        (ProbeNames.Prometheus, "the deployment's Prometheus"),
        (ProbeNames.Containers, "the Docker host's containers (Docker Engine API)"),
        (ProbeNames.Resources, "the target's processes on this machine, from /proc"),
    ];

    public static Observation Peak(GuideTestRecord r, string which)
    {
        var key = which == "cpu" ? Cpu : Memory;
        foreach (var (probe, source) in Sources)
        {
            if (!r.Infrastructure.Values(probe, key).Any()) continue;
            var (value, evidence) = CriteriaBook.Peak(r, probe, key, $"the target's {(which == "cpu" ? "CPU (share of all cores)" : "memory (share of all memory)")}");
            var members = r.Infrastructure.Samples.Where(s => s.Probe == probe).SelectMany(s => s.Values.Keys)
                .Where(k => k.StartsWith("process.", StringComparison.Ordinal) && k.EndsWith(".up", StringComparison.Ordinal)).Select(k => k["process.".Length..^".up".Length]).Distinct().ToList();
            var how = r.Infrastructure.Details(probe).FirstOrDefault(d => d.StartsWith("source:", StringComparison.Ordinal));
            return new Observation(value, $"{evidence}; source: {source}" + (members.Count > 0 ? $" ({string.Join(", ", members)})" : "")) { Detail = how };
        }
        var machine = r.Infrastructure.Max(ProbeNames.Resources, which == "cpu" ? ResourceMeasurements.MachineCpu : ResourceMeasurements.MachineMemory);
        var refused = r.Infrastructure.Failures(ProbeNames.Prometheus).Select(f => f.Error).FirstOrDefault() ?? r.Infrastructure.Details(ProbeNames.Prometheus).FirstOrDefault();
        return Observation.Unmeasured($"no source of the target's own {which}: set PROMETHEUS_URL to the deployment's Prometheus, TARGET_PROCESSES to its process names " +
            "when it runs on this machine, or run the suite beside its Docker engine; the machine running the suite is the load generator, not the target" +
            (refused is null ? "" : $" (Prometheus: {refused})") +
            (machine is { } m ? $" (its {which} peaked at {m.ToString("0.#", CultureInfo.InvariantCulture)} %, not judged)" : ""));
    }

    /// <summary>The target's peak in a window of the test (a ramp stage), from the best source, or null.</summary>
    public static double? PeakBetween(GuideTestRecord r, string which, double from, double to)
    {
        var key = which == "cpu" ? Cpu : Memory;
        foreach (var (probe, _) in Sources)
        {
            var values = r.Infrastructure.Values(probe, key).ToList();
            if (values.Count > 0) return values.Where(v => v.T >= from && v.T < to).Select(v => (double?)v.Value).Max();
        }
        return null;
    }
}

/// <summary>
/// Database criteria apply only when the application used PostgreSQL during the test: its sessions
/// (every client session of the database but the suite's own, whose application_name starts with
/// mm-acceptance) are counted by the probe. None at all: NOT_APPLICABLE, with that evidence.
/// </summary>
public static class DatabaseUse
{
    public const string AppConnections = DatabaseMeasurements.AppConnections;

    public static Observation Judged(GuideTestRecord r, Func<GuideTestRecord, (double?, string)> criterion)
    {
        var sessions = r.Infrastructure.Values(ProbeNames.Postgres, AppConnections).ToList();
        if (sessions.Count > 0 && sessions.All(s => s.Value == 0))
            return Observation.NotUsed($"the application held no PostgreSQL session in {sessions.Count} samples of pg_stat_activity during the test " +
                                       "(the suite's own sessions, application_name mm-acceptance-*, not counted): the deployment does not use PostgreSQL here");
        return criterion(r);
    }
}
