using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Settings;

// Renders signoff.html and signoff.md of a run folder (default: reports/latest) from its results.json,
// with the same BASELINE_RUN and tolerance settings a run uses.
var folder = args.Length > 0 ? args[0] : Path.Combine(RunFolder.ReportsRoot(Directory.GetCurrentDirectory()), "latest");
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"no run folder at {folder}: give a folder under reports/ that holds a results.json");
    return 2;
}
SuiteSettings settings;
try { settings = SettingsReader.FromEnvironment(); }
catch (InvalidSettingsException refused) { Console.Error.WriteLine(refused.Message); return 2; }
try
{
    var real = new DirectoryInfo(folder).ResolveLinkTarget(true)?.FullName ?? Path.GetFullPath(folder);
    var written = SignoffWriter.Write(real, SignoffOptions.From(settings));
    foreach (var path in written) Console.WriteLine(path);
    return 0;
}
catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
