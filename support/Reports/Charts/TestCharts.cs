using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Results.Capacity;
using MangaMotion.Acceptance.Results.RunFile;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>
/// A guide test's charts, the same on the sign-off and in the living doc: percentiles per second,
/// requests/errors/users, the ramp with its breaking point, and the infrastructure on the test's clock.
/// </summary>
public static class TestCharts
{
    public static IReadOnlyList<ChartImage> Draw(GuideTestResults test, BreakingPoint? breakingPoint, CapacityFindings? capacity = null) =>
        new[] { TimelineCharts.Percentiles(test), TimelineCharts.Throughput(test), RampChart.Draw(test, breakingPoint) }.OfType<ChartImage>()
            .Concat(CapacityChart.Draw(test.Title, capacity)).Concat(InfrastructureCharts.Draw(test)).ToList();

    /// <summary>
    /// Writes the charts of <paramref name="testId"/> from the run folder's results.json as PNG files
    /// under charts/ (the living doc attaches them to the test's scenario); the paths, none when the
    /// test is not in results.json yet or drew nothing.
    /// </summary>
    public static IReadOnlyList<string> WriteFiles(string runFolder, string testId)
    {
        var results = Path.Combine(runFolder, "results.json");
        if (!File.Exists(results)) return [];
        var report = RunResultsJson.Read(results);
        if (report.Tests.FirstOrDefault(t => t.Id == testId) is not { } test) return [];
        var folder = Directory.CreateDirectory(Path.Combine(runFolder, "charts")).FullName;
        return Draw(test, report.BreakingPoints.GetValueOrDefault(testId), report.Capacity.FirstOrDefault(c => c.Test == testId)).Select((chart, i) =>
        {
            var path = Path.Combine(folder, FileName(testId, i + 1, chart.Title, test.Title));
            File.WriteAllBytes(path, chart.Png);
            return path;
        }).ToList();
    }

    /// <summary>The living doc names an attachment by its file: "uploads 1 - response time percentiles per second.png".</summary>
    private static string FileName(string testId, int number, string chartTitle, string testTitle)
    {
        var what = chartTitle.StartsWith(testTitle + ": ", StringComparison.Ordinal) ? chartTitle[(testTitle.Length + 2)..] : chartTitle;
        var safe = new string(what.Select(c => char.IsLetterOrDigit(c) || c is ' ' or ',' or '-' or '\'' ? c : ' ').ToArray()).Trim();
        return $"{testId} {number} - {safe}.png";
    }
}
