using System.Reflection;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// The suite's version as a run records it: the build's version and the commit it was built from (the
/// SDK writes the commit into the informational version when it builds from a git clone), so the history
/// tells which suite judged each run; "0.1.0" alone when built outside git.
/// </summary>
public static partial class SuiteVersion
{
    [GeneratedRegex(@"\+([0-9a-f]{7})[0-9a-f]*$")]
    private static partial Regex LongCommit();

    public static string Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational)) return assembly.GetName().Version?.ToString() ?? "0";
        return LongCommit().Replace(informational.Trim(), "+$1");
    }

    public static string Current => Of(typeof(SuiteVersion).Assembly);
}
