using MangaMotion.Acceptance.Probes;

namespace MangaMotion.Acceptance.Tests;

/// <summary>The machine's processes as the kernel lists them (/proc): descendants, command lines, environments.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> All() => ResourceProbe.ProcessTable().Keys.ToList();

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

    public static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Every process below <paramref name="root"/>, from the same /proc walk the resource probe uses.</summary>
    public static IReadOnlyList<int> Descendants(int root) => ResourceProbe.Members(root, ResourceProbe.ProcessTable()).Skip(1).ToList();
}
