using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
namespace MangaMotion.Acceptance.Probes;


/// <summary>
/// The guide's pre-test checklist (API metrics, Redis PING, object storage, PostgreSQL SELECT 1), one
/// line per component, each within its own timeout: it fails fast, and a component not configured
/// (SKIP_PROBES) is reported as not checked, never as passed.
/// </summary>
public static class ReadinessCheck
{
    public static async Task<IReadOnlyList<ReadinessLine>> RunAsync(IReadOnlyList<IProbe> probes, ISet<string> skipped, Secrets secrets, TimeSpan timeout)
    {
        var order = new[] { ProbeNames.Api, ProbeNames.Redis, ProbeNames.S3, ProbeNames.Postgres };
        var lines = await Task.WhenAll(order.Select(async name =>
        {
            if (skipped.Contains(name)) return new ReadinessLine(name, ReadinessState.NotChecked, "skipped by SKIP_PROBES", "SKIP_PROBES");
            if (probes.FirstOrDefault(p => p.Name == name) is not { } probe) return new ReadinessLine(name, ReadinessState.NotChecked, "no probe configured", "");
            var sample = await ProbeRunner.SampleAsync(probe, 0, timeout, secrets);
            return sample.Ok
                ? new ReadinessLine(name, ReadinessState.Ok, $"answered in {sample.Millis:0} ms", probe.SettingToCheck)
                : new ReadinessLine(name, ReadinessState.Failed, sample.Error!, probe.SettingToCheck);
        }));
        return lines;
    }
}
