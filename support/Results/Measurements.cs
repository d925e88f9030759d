namespace MangaMotion.Acceptance.Results;

/// <summary>
/// The keys of what the resource probes measure, declared once (as dotnet/crank's MeasurementMetadata):
/// the probes write a sample's values under these keys; verdicts and charts read them by the same names.
/// </summary>
public static class ResourceMeasurements
{
    /// <summary>The probe of the target's resources on the suite's machine.</summary>
    public const string Probe = "resources";

    /// <summary>The whole machine's CPU (% of all its cores) and memory (% of all its memory).</summary>
    public const string MachineCpu = "cpu_percent", MachineMemory = "memory_percent";

    /// <summary>The target's own CPU (% of all cores) and memory (% of all memory), summed over its processes or containers.</summary>
    public const string TargetCpu = "target.cpu_percent", TargetMemory = "target.memory_percent";

    /// <summary>
    /// How many cores the machine that took the sample has: a process's CPU share is of these cores, so
    /// whoever judges the sample later (on another machine) turns it into cores used with this, not its own count.
    /// </summary>
    public const string Cores = "cores";

    /// <summary>One of the target's processes: its CPU (% of all cores), whether it is up, its resident memory.</summary>
    public static string ProcessCpu(string process) => $"process.{process}.cpu_percent";
    public static string ProcessUp(string process) => $"process.{process}.up";
    public static string ProcessRss(string process) => $"process.{process}.rss_bytes";

    /// <summary>The process a <see cref="ProcessCpu"/> key names, or null for any other key.</summary>
    public static string? ProcessOfCpu(string key) =>
        key.StartsWith("process.", StringComparison.Ordinal) && key.EndsWith(".cpu_percent", StringComparison.Ordinal) ? key["process.".Length..^".cpu_percent".Length] : null;
}
