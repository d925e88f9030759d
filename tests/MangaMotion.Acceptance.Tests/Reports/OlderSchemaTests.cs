using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Reports.Figures;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Reports;

/// <summary>
/// A run folder of the first schema still renders with `./acceptance report` and still serves as a
/// baseline. Fixtures/results-schema1.json is the results.json of a real smoke run (uploads and the
/// ramp, 5 s each) made by the suite as it was before schema 2 (commit c21fab0~1), its series trimmed.
/// </summary>
[NonParallelizable]
public sealed class OlderSchemaTests
{
    private const string OldRun = "20261124_120000";
    private ReportFixture _reports = null!;

    [SetUp]
    public void AddTheOldRun()
    {
        _reports = new ReportFixture();
        var folder = Directory.CreateDirectory(Path.Combine(_reports.Root, OldRun)).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "results-schema1.json"), Path.Combine(folder, "results.json"));
    }

    [TearDown]
    public void Remove() => _reports.Dispose();

    [Test]
    public async Task A_schema_1_run_folder_renders_with_the_report_command()
    {
        var cli = Path.Combine(ChildProcess.RepositoryRoot(), "artifacts", "bin", "MangaMotion.Acceptance.ReportsCli", "debug", "MangaMotion.Report.dll");
        Assert.That(File.Exists(cli), Is.True, "./acceptance test builds the whole solution, the report command included");
        var folder = Path.Combine(_reports.Root, OldRun);
        var run = await ChildProcess.RunAsync("dotnet", [cli, folder], folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "signoff.md"));
        Assert.That(markdown, Does.StartWith("# MangaMotion release sign-off: FAIL"));
        Assert.That(markdown, Does.Contain("Concurrent uploads").And.Contain("Bottleneck detection"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "signoff.html")), Does.Contain("uploads.success_rate"));
    }

    [Test]
    public void A_schema_1_run_serves_as_the_baseline_of_a_current_run()
    {
        var now = _reports.AddRun("20261202_120000", d => d["schema"] = ResultsDocument.Schema);
        SignoffWriter.Write(now, new SignoffOptions(OldRun, new Tolerance()));
        var markdown = File.ReadAllText(Path.Combine(now, "signoff.md"));
        Assert.That(markdown, Does.Contain($"Compared with run {OldRun}"));
        Assert.That(markdown, Does.Contain("upload p95"), "the figures both runs measured are compared");
    }
}
