using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>What a child run of the specification left: results.json, its files, its output, how long it took.</summary>
internal sealed record SpecOutcome(JsonElement Results, IReadOnlyList<string> Files, ChildResult Run, TimeSpan Took, string EveryReport, string SignoffMarkdown);

/// <summary>
/// Runs the real specification in a child `dotnet test` with the console output `./acceptance run` shows (smoke profile unless PROFILE is given, its own reports root so its
/// history and baseline are its own) and asserts what every run owes: results.json and both sign-off
/// pages written whatever happened, and, when something was done to it mid-run, nothing it started left running.
/// </summary>
internal static class SpecRun
{
    /// <summary>Runs a category; <paramref name="midRun"/> gets the test host's pid a few seconds after <paramref name="logOf"/>'s test has started.</summary>
    public static async Task<SpecOutcome> RunAsync(string category, Dictionary<string, string?> settings, Action<int>? midRun, TimeSpan deadline, string? logOf = null)
    {
        var reportsRoot = Directory.CreateTempSubdirectory("suite-run-").FullName;
        var dir = Path.Combine(reportsRoot, "20261125_000000");
        var root = ChildProcess.RepositoryRoot();
        var clock = Stopwatch.StartNew();
        // A run launched in the background inherits SIGINT ignored, and .NET keeps it so; a terminal's Ctrl+C finds it at its default.
        var run = ChildProcess.RunAsync("env",
            ["--default-signal=INT", "dotnet", "test", Path.Combine(root, "steps/MangaMotion.Acceptance.Specs.csproj"), "--no-build", "--filter", $"Category={category}", "--logger", "console;verbosity=normal"], root,
            new Dictionary<string, string?>(settings) { ["REPORTS_DIR"] = dir, ["BASE_URL"] = settings.GetValueOrDefault("BASE_URL"), ["PROFILE"] = settings.GetValueOrDefault("PROFILE") ?? "smoke" }, deadline);
        var started = new List<int>();
        if (midRun is not null)
        {
            var log = Path.Combine(dir, $"{logOf ?? category}.log");
            while (!File.Exists(log) && !run.IsCompleted) await Task.Delay(200);
            await Task.Delay(TimeSpan.FromSeconds(4));
            var host = ProcessTree.All().FirstOrDefault(p => ProcessTree.HasEnvironment(p, $"REPORTS_DIR={dir}") && ProcessTree.CommandLine(p).Contains("testhost", StringComparison.Ordinal));
            Assert.That(host, Is.Not.Zero, "the test host of the child run");
            started.AddRange(ProcessTree.Descendants(host));
            midRun(host);
        }
        var result = await run;
        var took = clock.Elapsed;
        var results = Path.Combine(dir, "results.json");
        Assert.That(File.Exists(results), Is.True, $"results.json is written whatever happened:\n{result.Output}");
        Assert.That(File.Exists(Path.Combine(dir, "signoff.html")) && File.Exists(Path.Combine(dir, "signoff.md")), Is.True, "the sign-off pages are written whatever happened");
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(results)).RootElement.Clone();
        await AssertNothingLeftAsync(started);
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().ToList();
        var everyReport = string.Concat(Directory.GetFiles(reportsRoot, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        var markdown = await File.ReadAllTextAsync(Path.Combine(dir, "signoff.md"));
        Directory.Delete(reportsRoot, recursive: true);
        return new SpecOutcome(json, files, result, took, everyReport, markdown);
    }

    private static async Task AssertNothingLeftAsync(IReadOnlyList<int> started)
    {
        for (var i = 0; i < 50 && started.Any(ProcessTree.IsAlive); i++) await Task.Delay(200);
        Assert.That(started.Where(ProcessTree.IsAlive).Select(p => $"{p} {ProcessTree.CommandLine(p)}"), Is.Empty, "every process the run started is stopped");
    }

    /// <summary>A criterion's verdict; a criterion the run never judged fails the test with the run's own account of why.</summary>
    public static string Verdict(JsonElement results, string id)
    {
        var found = results.GetProperty("criteria").EnumerateArray().Where(c => c.GetProperty("id").GetString() == id).ToList();
        if (found.Count == 1) return found[0].GetProperty("verdict").GetString()!;
        Assert.Fail($"criterion {id} was not judged: run verdict {results.GetProperty("verdict")}, " +
                    $"incomplete: {(results.TryGetProperty("incomplete", out var why) ? why.ToString() : "-")}, target: {(results.TryGetProperty("target", out var t) ? t.ToString() : "-")}");
        return "";
    }

    /// <summary>The kinds listed under "classifications" or "diagnoses", most frequent first.</summary>
    public static IEnumerable<string> Kinds(JsonElement results, string list) => results.GetProperty(list).EnumerateArray().Select(c => c.GetProperty("kind").GetString()!);

    public static IEnumerable<string> Timeline(JsonElement results) => results.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()!);
}
