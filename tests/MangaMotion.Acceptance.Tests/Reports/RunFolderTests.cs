using MangaMotion.Acceptance.Reports;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Reports;

public sealed class RunFolderTests
{
    private string _root = "";

    [SetUp]
    public void MakeCheckout()
    {
        _root = Directory.CreateTempSubdirectory("runfolder-").FullName;
        File.WriteAllText(Path.Combine(_root, "MangaMotion.Acceptance.sln"), "");
        Directory.CreateDirectory(Path.Combine(_root, "artifacts/bin/x"));
    }

    [TearDown]
    public void Clean() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_run_gets_a_timestamped_folder_under_the_checkouts_reports_and_latest_points_at_it()
    {
        var folder = RunFolder.Resolve(Path.Combine(_root, "artifacts/bin/x"), new DateTimeOffset(2026, 11, 25, 8, 30, 5, TimeSpan.Zero), null);
        Assert.That(folder.Path, Is.EqualTo(Path.Combine(_root, "reports", "20261125_083005")));
        Assert.That(Directory.Exists(folder.Path), Is.True);
        var latest = new DirectoryInfo(Path.Combine(_root, "reports", "latest"));
        Assert.That(latest.LinkTarget, Is.EqualTo("20261125_083005"));
    }

    [Test]
    public void A_newer_run_moves_latest()
    {
        RunFolder.Resolve(_root, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), null);
        RunFolder.Resolve(_root, new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), null);
        Assert.That(new DirectoryInfo(Path.Combine(_root, "reports", "latest")).LinkTarget, Is.EqualTo("20261125_090000"));
    }

    [Test]
    public void An_explicit_folder_wins()
    {
        var explicitPath = Path.Combine(_root, "elsewhere", "run1");
        Assert.That(RunFolder.Resolve(_root, DateTimeOffset.UtcNow, explicitPath).Path, Is.EqualTo(explicitPath));
        Assert.That(new DirectoryInfo(Path.Combine(_root, "elsewhere", "latest")).LinkTarget, Is.EqualTo("run1"));
    }

    [Test]
    public void Two_runs_started_in_the_same_second_keep_two_folders()
    {
        var second = new DateTimeOffset(2026, 12, 4, 19, 40, 51, TimeSpan.Zero);
        var folders = Enumerable.Range(0, 3).AsParallel().Select(_ => RunFolder.Resolve(_root, second, null).Path).ToList();
        Assert.That(folders.Distinct().Count(), Is.EqualTo(3), string.Join(", ", folders));
        Assert.That(folders.Select(Path.GetFileName), Is.EquivalentTo(new[] { "20261204_194051", "20261204_194051_2", "20261204_194051_3" }));
    }

    [Test]
    public void An_explicit_folder_that_already_holds_a_run_is_refused_naming_the_setting()
    {
        var used = Path.Combine(_root, "elsewhere", "run1");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "results.json"), "{}");
        var refused = Assert.Throws<InvalidOperationException>(() => RunFolder.Resolve(_root, DateTimeOffset.UtcNow, used));
        Assert.That(refused!.Message, Does.StartWith($"REPORTS_DIR={used} already holds a run's results.json"));
        Assert.That(File.ReadAllText(Path.Combine(used, "results.json")), Is.EqualTo("{}"));
    }
}
