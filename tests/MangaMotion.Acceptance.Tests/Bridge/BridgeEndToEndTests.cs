using System.Xml.Linq;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Bridge;

/// <summary>
/// Runs the sample feature suite (tests/BridgeSample: passing, failing, pending, undefined, ignored,
/// broken) through a real `dotnet test` and reads what a user would: the TRX results, the HTML
/// living documentation and the hook log.
/// </summary>
[NonParallelizable]
public sealed class BridgeEndToEndTests
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private string _dir = "";
    private ChildResult _run = null!;
    private Dictionary<string, (string Outcome, string Message)> _results = null!;

    [OneTimeSetUp]
    public async Task RunTheSampleSuite()
    {
        _dir = Directory.CreateTempSubdirectory("bridge-e2e-").FullName;
        _run = await RunSampleAsync(_dir, "trx;LogFileName=sample.trx");
        _results = XDocument.Load(Path.Combine(_dir, "sample.trx")).Descendants(Trx + "UnitTestResult").ToDictionary(
            r => (string)r.Attribute("testName")!,
            r => ((string)r.Attribute("outcome")!, (string?)r.Descendants(Trx + "Message").FirstOrDefault() ?? ""));
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    private static Task<ChildResult> RunSampleAsync(string dir, string logger, params string[] extra)
    {
        var root = ChildProcess.RepositoryRoot();
        string[] args = ["test", Path.Combine(root, "tests/BridgeSample/MangaMotion.Acceptance.BridgeSample.csproj"),
            "--no-build", "--logger", logger, "--results-directory", dir, .. extra];
        var env = new Dictionary<string, string?>
        {
            ["REQNROLL_FORMATTERS_HTML"] = $"outputFilePath={Path.Combine(dir, "living-doc.html")}",
            ["REQNROLL_FORMATTERS_MESSAGE"] = $"outputFilePath={Path.Combine(dir, "messages.ndjson")}",
            ["SAMPLE_HOOK_LOG"] = Path.Combine(dir, "hooks.log"),
        };
        return ChildProcess.RunAsync("dotnet", args, root, env, TimeSpan.FromMinutes(3));
    }

    [Test]
    public void Each_scenario_and_example_row_is_a_test_with_a_readable_name()
    {
        Assert.That(_results.Keys, Is.SupersetOf(new[]
        {
            "Adding two numbers", "Adding in a table(a: 1, b: 1, sum: 2)", "Adding in a table(a: 2, b: 2, sum: 4)",
            "Adding in a table(a: 1000, b: 2000, sum: 3000)", "Data tables and doc strings reach the binding",
            "Tagged scenario sees tag-scoped hooks", "Untagged scenario does not",
        }));
        Assert.That(_results.Where(r => r.Key.StartsWith("Adding")).Select(r => r.Value.Outcome), Is.All.EqualTo("Passed"));
    }

    [Test]
    public void A_failing_step_fails_the_test_with_the_step_text_and_the_assertion_message()
    {
        Assert.That(_results["A step that fails"].Outcome, Is.EqualTo("Failed"));
        Assert.That(_results["A step that fails"].Message, Does.Contain("Then the result is 5").And.Contain("Expected: 5"));
        Assert.That(_results["A step that throws"].Message, Does.Contain("When the calculator breaks").And.Contain("the calculator is broken"));
        Assert.That(_run.ExitCode, Is.Not.Zero, "a run with failing scenarios fails");
    }

    [Test]
    public void Pending_and_undefined_steps_are_reported_as_reqnroll_json_says()
    {
        // The sample keeps Reqnroll's default (Inconclusive); the suite's reqnroll.json makes them errors.
        Assert.That(_results["A step that is pending"].Outcome, Is.EqualTo("NotExecuted"));
        Assert.That(_results["A step without a binding"].Outcome, Is.EqualTo("NotExecuted"));
        Assert.That(_results["A step without a binding"].Message, Does.Contain("No matching step definition"));
        Assert.That(_results["An ignored scenario"].Outcome, Is.EqualTo("NotExecuted"));
    }

    [Test]
    public void Hooks_run_around_the_whole_run_with_after_scenario_for_each_executed_scenario()
    {
        var log = File.ReadAllLines(Path.Combine(_dir, "hooks.log"));
        Assert.That(log.First(), Is.EqualTo("BeforeTestRun"));
        Assert.That(log.Last(), Is.EqualTo("AfterTestRun"));
        // 11 scenarios ran (the @ignore one never starts, as with Reqnroll.NUnit's [Ignore]).
        Assert.That(log.Count(l => l.StartsWith("AfterScenario(")), Is.EqualTo(11), string.Join("\n", log));
        Assert.That(_results["Tagged scenario sees tag-scoped hooks"].Outcome, Is.EqualTo("Passed"), _results["Tagged scenario sees tag-scoped hooks"].Message);
    }

    [Test]
    public void A_feature_file_with_a_syntax_error_is_one_failing_test_naming_file_and_line()
    {
        Assert.That(_results["Feature file parses"].Outcome, Is.EqualTo("Failed"));
        Assert.That(_results["Feature file parses"].Message, Does.Contain("features/Broken.feature line 6"));
    }

    [Test]
    public void The_html_living_documentation_holds_every_scenario_with_its_status()
    {
        var html = File.ReadAllText(Path.Combine(_dir, "living-doc.html"));
        foreach (var name in new[] { "Adding two numbers", "A step that fails", "A step that is pending", "Untagged scenario does not" })
            Assert.That(html, Does.Contain(name));
        var messages = File.ReadAllText(Path.Combine(_dir, "messages.ndjson"));
        foreach (var status in new[] { "\"PASSED\"", "\"FAILED\"", "\"PENDING\"", "\"UNDEFINED\"", "\"SKIPPED\"" })
            Assert.That(messages, Does.Contain(status), $"a step result {status}");
        Assert.That(messages.Split('\n').Count(l => l.Contains("\"testCaseFinished\"")), Is.EqualTo(11), "one test case per executed scenario");
    }

    [Test]
    public async Task A_category_filter_selects_scenarios_by_tag()
    {
        var dir = Directory.CreateTempSubdirectory("bridge-filter-").FullName;
        try
        {
            await RunSampleAsync(dir, "trx;LogFileName=smoke.trx", "--filter", "Category=small");
            var names = XDocument.Load(Path.Combine(dir, "smoke.trx")).Descendants(Trx + "UnitTestResult").Select(r => (string)r.Attribute("testName")!);
            Assert.That(names, Is.EquivalentTo(new[] { "Adding in a table(a: 1, b: 1, sum: 2)", "Adding in a table(a: 2, b: 2, sum: 4)" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
