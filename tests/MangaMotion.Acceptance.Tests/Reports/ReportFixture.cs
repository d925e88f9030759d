using System.Text.Json.Nodes;

namespace MangaMotion.Acceptance.Tests.Reports;

/// <summary>
/// A reports/ folder in a temporary directory holding runs made from Fixtures/results-fail.json (a real
/// smoke run's results.json, trimmed, with one criterion failed and a diagnosis added), so writers are
/// tested on the file they really read.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("reports-").FullName;

    public static JsonObject FailedRun() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "results-fail.json")))!.AsObject();

    /// <summary>Writes a run folder; <paramref name="change"/> edits the document first.</summary>
    public string AddRun(string name, Action<JsonObject>? change = null)
    {
        var document = FailedRun();
        document["startedAt"] = DateTimeOffset.ParseExact(name, "yyyyMMdd_HHmmss", null, System.Globalization.DateTimeStyles.AssumeUniversal).ToString("O");
        change?.Invoke(document);
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), document.ToJsonString());
        return folder;
    }

    /// <summary>Multiplies every upload step's latencies (p95 included) in a document.</summary>
    public static void ScaleUploadLatency(JsonObject document, double factor)
    {
        foreach (var test in document["tests"]!.AsArray())
        foreach (var step in test!["steps"]!.AsArray().Where(s => (string?)s!["step"] == "upload"))
        foreach (var key in new[] { "p50", "p90", "p95", "p99", "max" })
            step!["latencyMs"]![key] = (double)step["latencyMs"]![key]! * factor;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
