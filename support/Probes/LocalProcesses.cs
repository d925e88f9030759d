namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// The target's processes on this machine named by TARGET_PROCESSES (as /proc/&lt;pid&gt;/comm shows
/// them: node, postgres, redis-server): each topmost matching process, whose descendants the resources
/// probe adds in. The suite's own process and its children are never counted as the target.
/// </summary>
public static class LocalProcesses
{
    public static IReadOnlyDictionary<string, int> Find(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, int>();
        if (wanted.Count == 0) return found;
        var table = ResourceProbe.ProcessTable();
        var ours = ResourceProbe.Members(Environment.ProcessId, table).ToHashSet();
        var matching = table.Keys.Where(pid => !ours.Contains(pid) && Comm(pid) is { } c && wanted.Contains(c)).ToHashSet();
        foreach (var pid in matching.Where(p => !matching.Contains(table[p].Parent)).Order())
        {
            var name = Comm(pid)!;
            found[found.ContainsKey(name) ? $"{name}#{pid}" : name] = pid;
        }
        return found;
    }

    private static string? Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
