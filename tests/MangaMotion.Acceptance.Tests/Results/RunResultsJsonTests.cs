using MangaMotion.Acceptance.Results;
using System.Text.Json.Nodes;
using MangaMotion.Acceptance.Results.RunFile;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Results;

/// <summary>results.json is written and read as the same records: nothing a run wrote is lost on reading, nothing changes on rewriting.</summary>
public sealed class RunResultsJsonTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", name));

    [Test]
    public void Every_field_of_a_real_run_reads_into_the_records_and_writes_back_unchanged()
    {
        var original = JsonNode.Parse(Fixture("results-fail.json"))!;
        var rewritten = JsonNode.Parse(RunResultsJson.Write(RunResultsJson.Parse(original.ToJsonString())))!;
        // Schema 2 also wrote jobs.finished, which is completed + failed: derived, so not kept.
        Assert.That(Missing(original, rewritten, "$").Where(p => !p.EndsWith(".jobs.finished", StringComparison.Ordinal)), Is.Empty,
            "fields of results.json the records do not hold");
    }

    [Test]
    public void Writing_what_was_read_is_stable()
    {
        var once = RunResultsJson.Write(RunResultsJson.Parse(Fixture("results-fail.json")));
        Assert.That(RunResultsJson.Write(RunResultsJson.Parse(once)), Is.EqualTo(once));
    }

    [Test]
    public void A_schema_1_file_reads_with_its_breaking_points_as_sentences()
    {
        var old = RunResultsJson.Parse(Fixture("results-schema1.json"));
        Assert.That(old.Schema, Is.EqualTo("mangamotion-acceptance/results/1"));
        Assert.That(old.Tests, Is.Not.Empty);
        Assert.That(old.Criteria, Is.Not.Empty);
        var sentence = RunResultsJson.Parse("""{"schema":"mangamotion-acceptance/results/1","breakingPoints":{"bottleneck":"broke at 40 users"}}""");
        Assert.That(sentence.BreakingPoints["bottleneck"], Is.EqualTo(new BreakingPoint("broke at 40 users", null, null, null)));
    }

    /// <summary>Paths present in <paramref name="expected"/> whose value <paramref name="actual"/> lacks or differs in (false and 0 may be omitted as defaults).</summary>
    private static IEnumerable<string> Missing(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var there = (actual as JsonObject)?[key];
                    if (there is null && value is not null && !IsDefault(value)) yield return $"{path}.{key}";
                    else foreach (var m in Missing(value, there, $"{path}.{key}")) yield return m;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                foreach (var m in Missing(a[i], (actual as JsonArray) is { } b && i < b.Count ? b[i] : null, $"{path}[{i}]")) yield return m;
                break;
            case JsonValue v when actual is JsonValue w:
                if (!Same(v, w)) yield return $"{path}: {v.ToJsonString()} became {w.ToJsonString()}";
                break;
            case JsonValue:
                if (actual is null && !IsDefault(expected)) yield return path;
                break;
        }
    }

    private static bool IsDefault(JsonNode n) => n is JsonValue v && (v.ToJsonString() is "false" or "0" or "null");

    private static bool Same(JsonValue a, JsonValue b) =>
        a.TryGetValue<double>(out var x) && b.TryGetValue<double>(out var y) ? Math.Abs(x - y) < 1e-9 : a.ToJsonString() == b.ToJsonString();
}
