using System.Globalization;

namespace MangaMotion.Acceptance.Reports;

/// <summary>
/// The folder one run writes into: reports/&lt;yyyyMMdd_HHmmss&gt;/ (the guide's results layout) under the
/// repository, with reports/latest pointing at the newest; two runs started in the same second get two
/// folders (the second one suffixed _2), never one. REPORTS_DIR names it explicitly (./acceptance run
/// passes the user's or the one it claimed, so TRX and JUnit land beside the rest); a folder that
/// already holds a run's results is refused, never overwritten.
/// </summary>
public sealed class RunFolder
{
    public const string Variable = "REPORTS_DIR";

    private RunFolder(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static RunFolder Resolve(string startDirectory, DateTimeOffset now, string? explicitPath)
    {
        string path;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            path = System.IO.Path.GetFullPath(explicitPath);
            if (System.IO.File.Exists(System.IO.Path.Combine(path, "results.json")))
                throw new InvalidOperationException($"{Variable}={explicitPath} already holds a run's results.json: give a new or empty folder (a run never overwrites another's reports)");
            Directory.CreateDirectory(path);
        }
        else path = Claim(System.IO.Path.Combine(ReportsRoot(startDirectory), now.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)));
        PointLatestAt(path);
        return new RunFolder(path);
    }

    /// <summary>The first of name, name_2, name_3… that this process creates itself (a marker created exclusively decides a race).</summary>
    private static string Claim(string stamped)
    {
        for (var n = 1; ; n++)
        {
            var path = n == 1 ? stamped : $"{stamped}_{n}";
            Directory.CreateDirectory(path);
            try
            {
                using (new FileStream(System.IO.Path.Combine(path, ".claimed"), FileMode.CreateNew)) { }
                return path;
            }
            catch (IOException) when (System.IO.File.Exists(System.IO.Path.Combine(path, ".claimed"))) { }
        }
    }

    /// <summary>reports/ beside the solution when run from a checkout; beside the test assembly otherwise.</summary>
    public static string ReportsRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "MangaMotion.Acceptance.sln")))
                return System.IO.Path.Combine(dir.FullName, "reports");
        return System.IO.Path.Combine(startDirectory, "reports");
    }

    /// <summary>
    /// reports/latest is a symbolic link where the file system allows one, else a file holding the path;
    /// replaced by a rename, so runs starting together leave it pointing at one of them, never broken.
    /// </summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    private static void PointLatestAt(string path)
    {
        var parent = System.IO.Path.GetDirectoryName(path)!;
        var latest = System.IO.Path.Combine(parent, "latest");
        var fresh = System.IO.Path.Combine(parent, $".latest-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            System.IO.File.CreateSymbolicLink(fresh, System.IO.Path.GetFileName(path));
            // rename(2): atomic, and it replaces the old link itself (File.Move refuses a link to a folder).
            if (Rename(fresh, latest) != 0) throw new IOException($"rename to {latest} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or DllNotFoundException or EntryPointNotFoundException)
        {
            try
            {
                if (System.IO.File.Exists(fresh) || new FileInfo(fresh).LinkTarget is not null) System.IO.File.Delete(fresh);
                if (new FileInfo(latest).LinkTarget is null && !Directory.Exists(latest)) System.IO.File.WriteAllText(latest, path + Environment.NewLine);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
        }
    }
}
