using MangaMotion.Acceptance.Reports;
using NUnit.Framework;
using SkiaSharp;

namespace MangaMotion.Acceptance.Tests.Reports;

/// <summary>
/// Checked the way a person checks it: Debian's Chromium renders signoff.html headless, offline, to a
/// PNG; the page must not be blank and its verdict banner must show, in the verdict's colour, with the
/// verdict in the rendered text. The screenshot is attached to the test result for a human to look at.
/// </summary>
[NonParallelizable]
public sealed class SignoffScreenshotTests
{
    private const string Chromium = "/usr/bin/chromium";

    [TestCase("FAIL", "#b3261e")]
    [TestCase("PASS", "#1e7d32")]
    public async Task Chromium_renders_the_signoff_with_its_verdict_visible(string verdict, string bannerColour)
    {
        Assert.That(File.Exists(Chromium), Is.True, "Debian's chromium package is needed: ./acceptance test installs it (apt-get install chromium)");
        using var reports = new ReportFixture();
        var run = reports.AddRun("20261120_020000", d =>
        {
            d["verdict"] = verdict;
            if (verdict == "PASS") foreach (var c in d["criteria"]!.AsArray()) c!["verdict"] = "PASS";
        });
        SignoffWriter.Write(run, SignoffOptions.Default);
        var page = new Uri(Path.Combine(run, "signoff.html")).AbsoluteUri;
        var png = Path.Combine(run, "signoff.png");
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}", "--window-size=1400,1600"];
            var shot = await ChildProcess.RunAsync(Chromium, [.. common, $"--screenshot={png}", page], run, new Dictionary<string, string?>(), TimeSpan.FromSeconds(90));
            Assert.That(File.Exists(png), Is.True, $"chromium wrote no screenshot (exit {shot.ExitCode}):\n{shot.Output}");
            TestContext.AddTestAttachment(png, $"signoff.html as Chromium renders it ({verdict})");
            var dom = await ChildProcess.RunAsync(Chromium, [.. common, "--dump-dom", page], run, new Dictionary<string, string?>(), TimeSpan.FromSeconds(90));
            Assert.That(dom.Output, Does.Contain($"<div class=\"big\">{verdict}</div>"));
        }
        finally { Directory.Delete(profile, recursive: true); }

        using var image = SKBitmap.Decode(png);
        Assert.That(image.Width, Is.EqualTo(1400));
        Assert.That(Share(image, 0, image.Height, c => c.Red < 235 || c.Green < 235 || c.Blue < 235), Is.GreaterThan(0.05), "the page is not blank");
        var banner = SKColor.Parse(bannerColour);
        Assert.That(Share(image, 0, 60, c => Near(c, banner)), Is.GreaterThan(0.5), "the verdict banner fills the top of the page in the verdict's colour");
        Assert.That(Share(image, 10, 60, c => c.Red > 240 && c.Green > 240 && c.Blue > 240), Is.GreaterThan(0.005), "the verdict is written on the banner");
    }

    private static double Share(SKBitmap image, int fromRow, int toRow, Func<SKColor, bool> test)
    {
        long hits = 0, all = 0;
        for (var y = fromRow; y < Math.Min(toRow, image.Height); y++)
        for (var x = 0; x < image.Width; x += 2, all++)
            if (test(image.GetPixel(x, y))) hits++;
        return all == 0 ? 0 : (double)hits / all;
    }

    private static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 30;
}
