using System.Globalization;

namespace MangaMotion.Acceptance.Reports;

/// <summary>
/// The folder one run writes into: reports/&lt;yyyyMMdd_HHmmss&gt;/ (the guide's results layout) under the
/// repository, with reports/latest pointing at the newest. REPORTS_DIR names it explicitly
/// (./acceptance run does, so TRX and JUnit land beside the rest).
/// </summary>
public sealed class RunFolder
{
    public const string Variable = "REPORTS_DIR";

    private RunFolder(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static RunFolder Resolve(string startDirectory, DateTimeOffset now, string? explicitPath)
    {
        var path = !string.IsNullOrWhiteSpace(explicitPath)
            ? System.IO.Path.GetFullPath(explicitPath)
            : System.IO.Path.Combine(ReportsRoot(startDirectory), now.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        PointLatestAt(path);
        return new RunFolder(path);
    }

    /// <summary>reports/ beside the solution when run from a checkout; beside the test assembly otherwise.</summary>
    public static string ReportsRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "MangaMotion.Acceptance.sln")))
                return System.IO.Path.Combine(dir.FullName, "reports");
        return System.IO.Path.Combine(startDirectory, "reports");
    }

    /// <summary>reports/latest is a symbolic link where the file system allows one, else a file holding the path.</summary>
    private static void PointLatestAt(string path)
    {
        var parent = System.IO.Path.GetDirectoryName(path)!;
        var latest = System.IO.Path.Combine(parent, "latest");
        try
        {
            if (System.IO.File.Exists(latest) || Directory.Exists(latest)) System.IO.File.Delete(latest);
            System.IO.File.CreateSymbolicLink(latest, System.IO.Path.GetFileName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            System.IO.File.WriteAllText(latest, path + Environment.NewLine);
        }
    }
}
