using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Bridge;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>
/// The judge computes every verdict from the records and every statement, so results.json does not
/// depend on the order the scenarios ran in, nor on checkpoints written between them. The statements
/// are the features' own tables, read from features/.
/// </summary>
public sealed partial class JudgeOrderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Two_orders_of_the_guides_scenarios_with_checkpoints_between_give_the_same_results_json()
    {
        var scenarios = Scenarios();
        Assert.That(scenarios.Select(s => s.Test).Distinct(), Is.EquivalentTo(GuideTest.All), "every guide test has a scenario that states its criteria");
        var forward = Play(scenarios);
        var backward = Play([.. scenarios.AsEnumerable().Reverse()]);
        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void Criteria_are_listed_in_the_guides_order_acceptance_first_then_each_test_in_its_tables_order()
    {
        var json = RunResultsJsonOf(Play(Scenarios()));
        var ids = json.Criteria.Select(c => c.Id).ToList();
        Assert.That(ids.Take(4), Is.EqualTo(new[] { "acceptance.1", "acceptance.2", "acceptance.3", "acceptance.4" }));
        var tests = ids.Skip(4).Select(id => id.Split('.')[0]).Distinct().ToList();
        Assert.That(tests, Is.EqualTo(GuideTest.All));
        Assert.That(ids.Where(id => id.StartsWith("presign.", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "presign.success_rate", "presign.s3_success_rate", "presign.p95", "presign.s3_p95" }), "the presign feature's table order");
    }

    [Test]
    public void A_statement_made_twice_is_judged_once()
    {
        var (uploads, _) = RecordsByTest().First();
        var statement = new CriteriaStatement(uploads, [new CriteriaRow("success rate", "above 95 %")]);
        var statements = new RunStatements();
        statements.State(statement);
        statements.State(statement with { Rows = [new CriteriaRow("success rate", "above 95 %")] });
        var judged = Judge.Run("smoke", false, statements.All, [RecordsByTest()[uploads]]);
        Assert.That(judged.Criteria, Has.Count.EqualTo(1));
    }

    /// <summary>The run's results.json after each scenario (a checkpoint), then at the end; the last one, times and ids aside.</summary>
    private static string Play(IReadOnlyList<(string Test, Statement Statement)> scenarios)
    {
        var records = RecordsByTest();
        var (ran, statements) = (new List<GuideTestRecord>(), new RunStatements());
        string json = "";
        foreach (var (test, statement) in scenarios)
        {
            if (ran.All(r => r.TestId != test)) ran.Add(records[test]);
            json = Render(ran, statements);
            statements.State(statement);
            json = Render(ran, statements);
        }
        return json;
    }

    private static string Render(IReadOnlyList<GuideTestRecord> ran, RunStatements statements) =>
        ResultsDocument.Render(new ResultsDocument.Input("smoke", false, "embedded", At, At.AddMinutes(5), false, null, statements.All, [.. ran], [], "1"));

    private static MangaMotion.Acceptance.Results.RunFile.RunResults RunResultsJsonOf(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"judge-order-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try { return MangaMotion.Acceptance.Results.RunFile.RunResultsJson.Read(path); }
        finally { File.Delete(path); }
    }

    [GeneratedRegex(@"^(?:up to (?<users>\d+) users )?the test meets these criteria:$")]
    private static partial Regex TestCriteria();

    [GeneratedRegex("^acceptance criterion (?<n>\\d+) is met: \"(?<title>.+)\"$")]
    private static partial Regex AcceptanceCriterion();

    [GeneratedRegex(@"the (?<test>concurrent uploads|presign and S3 uploads|worker processing|bottleneck detection) test")]
    private static partial Regex RunsTest();

    private static readonly Dictionary<string, string> TestOfWords = new()
    {
        ["concurrent uploads"] = GuideTest.Uploads, ["presign and S3 uploads"] = GuideTest.Presign,
        ["worker processing"] = GuideTest.Worker, ["bottleneck detection"] = GuideTest.Bottleneck,
    };

    /// <summary>Every criteria table of the features (the @explicit while-running feature aside), as the steps state it.</summary>
    private static IReadOnlyList<(string Test, Statement Statement)> Scenarios()
    {
        var folder = Path.Combine(ChildProcess.RepositoryRoot(), "features");
        var list = new List<(string, Statement)>();
        foreach (var file in Directory.GetFiles(folder, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        foreach (var pickle in FeatureParser.Parse(file, File.ReadAllText(file)).Pickles)
        {
            string? test = null;
            foreach (var step in pickle.Steps)
            {
                if (RunsTest().Match(step.Text) is { Success: true } runs) test = TestOfWords[runs.Groups["test"].Value];
                if (step.Argument?.DataTable is not { } table || test is null) continue;
                var header = table.Rows[0].Cells.Select(c => c.Value).ToList();
                if (!header.Contains("criterion")) continue;
                var rows = table.Rows.Skip(1).Select(r => r.Cells.Select(c => c.Value).ToList())
                    .Select(r => new CriteriaRow(r[header.IndexOf("criterion")], r[header.IndexOf("threshold")], header.Contains("warning") ? r[header.IndexOf("warning")] : null)).ToList();
                if (TestCriteria().Match(step.Text) is { Success: true } m)
                    list.Add((test, new CriteriaStatement(test, rows, m.Groups["users"].Success ? int.Parse(m.Groups["users"].Value) : null)));
                else if (AcceptanceCriterion().Match(step.Text) is { Success: true } a)
                    list.Add((test, new AcceptanceStatement(int.Parse(a.Groups["n"].Value), a.Groups["title"].Value, test, rows)));
            }
        }
        return list;
    }

    /// <summary>A record per guide test with some load in it, so the criteria have something to judge.</summary>
    private static Dictionary<string, GuideTestRecord> RecordsByTest()
    {
        static StepStats Step(string name, long n, double p95) => new(name, n, n - n / 50, n / 50, Latency(p95), Latency(p95), Latency(p95),
            new Dictionary<int, long> { [200] = n - n / 50, [500] = n / 50 }, new Dictionary<string, long> { ["http_500"] = n / 50 }, new Dictionary<string, IReadOnlyList<string>>(), 0, 0);
        static LatencySummary Latency(double p95) => new(100, p95 / 3, p95 / 4, p95 / 2, p95 * 0.8, p95, p95 * 1.1, p95 * 1.5);
        var stages = new[] { 2, 4, 6, 8 }.Select((u, i) => new PlannedStage(i, $"{u} users", TimeSpan.FromSeconds(10 * i), TimeSpan.FromSeconds(10 * (i + 1)), u, u)).ToList();
        GuideTestRecord Of(string test, StepStats[] steps, bool ramp = false, JobOutcomes? jobs = null) => new(test, GuideTest.Titles[test], "", "",
            new LoadResult(test, ramp ? "ramping-users" : "constant-users", "", At, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(40), ramp ? stages : [], steps,
                ramp ? stages.Select((s, i) => new StageResult(s, [Step("upload", 100, 100 + 40 * i)])).ToList() : [], new IterationCounts(0, 0, 0, 0, 0, 0), [], [], [], null),
            new InfrastructureSeries(Records.Queue(40, t => t * 3).ToList(), 0), jobs);
        return new()
        {
            [GuideTest.Uploads] = Of(GuideTest.Uploads, [Step("upload", 400, 120)], jobs: Records.Jobs(380, failed: 8)),
            [GuideTest.Presign] = Of(GuideTest.Presign, [Step("presign", 200, 30), Step("s3_put", 200, 80)]),
            [GuideTest.Worker] = Of(GuideTest.Worker, [Step("job", 100, 4000)], jobs: Records.Jobs(96, failed: 2, timedOut: 2)),
            [GuideTest.Bottleneck] = Of(GuideTest.Bottleneck, [Step("upload", 400, 200)], ramp: true),
        };
    }
}
