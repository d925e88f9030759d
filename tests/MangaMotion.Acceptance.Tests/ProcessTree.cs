namespace MangaMotion.Acceptance.Tests;

/// <summary>The machine's processes as the kernel lists them (/proc): parents, command lines, environments.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!)).ToList();

    public static int? Parent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces; the parent is the second field after it.
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    public static bool HasEnvironment(int pid, string nameEqualsValue)
    {
        try { return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(nameEqualsValue); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = All().Select(p => (Pid: p, Parent: Parent(p))).ToList();
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var pid))
            foreach (var child in parents.Where(p => p.Parent == pid).Select(p => p.Pid))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        return found;
    }
}
