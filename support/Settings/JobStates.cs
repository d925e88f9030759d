namespace MangaMotion.Acceptance.Settings;

/// <summary>What a job's status says about it, as far as one poll can tell.</summary>
public enum JobState { Pending, Done, Failed, Gone, Unrecognised }

/// <summary>
/// The status values a deployment answers for its jobs, sorted into done, failed and pending. The
/// defaults cover the contract, BullMQ's states and the usual synonyms; `not_found` is always "gone"
/// (a queue that deletes finished jobs answers it for a job that has ended, fate unknown).
/// </summary>
public sealed record JobStates(IReadOnlySet<string> Done, IReadOnlySet<string> Failed, IReadOnlySet<string> Pending)
{
    public const string DefaultDone = "completed,done,success,succeeded,finished";
    public const string DefaultFailed = "failed,error,errored";
    public const string DefaultPending = "waiting,active,queued,pending,processing,running,delayed,prioritized,paused,waiting-children,created,started";
    public const string GoneState = "not_found";

    public static JobStates Default { get; } = new(List(DefaultDone), List(DefaultFailed), List(DefaultPending));

    public static IReadOnlySet<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet();

    public JobState Of(string? status)
    {
        var s = status?.Trim().ToLowerInvariant();
        if (s is null or "") return JobState.Unrecognised;
        if (s == GoneState) return JobState.Gone;
        if (Done.Contains(s)) return JobState.Done;
        if (Failed.Contains(s)) return JobState.Failed;
        return Pending.Contains(s) ? JobState.Pending : JobState.Unrecognised;
    }

    /// <summary>Each list that is empty, shares a value with another, or claims not_found, with what is wrong.</summary>
    public IEnumerable<(Setting Setting, string Problem)> Problems()
    {
        var lists = new[] { (SettingsCatalog.JobStatesDone, Done), (SettingsCatalog.JobStatesFailed, Failed), (SettingsCatalog.JobStatesPending, Pending) };
        foreach (var (setting, values) in lists)
        {
            if (values.Count == 0) yield return (setting, "names no status");
            else if (values.Contains(GoneState)) yield return (setting, "names not_found, which always means the job is gone");
            else if (lists.Where(l => l.Item1 != setting).SelectMany(l => l.Item2).Intersect(values).ToList() is { Count: > 0 } shared)
                yield return (setting, $"shares {string.Join(", ", shared)} with another JOB_STATES_ list");
        }
    }
}
