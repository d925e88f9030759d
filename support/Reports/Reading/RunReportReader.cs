using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Reports.Reading;

/// <summary>Reads results.json into a <see cref="RunReport"/>; a file that is missing or not JSON is an error naming it.</summary>
public static class RunReportReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static RunReport Read(string resultsPath)
    {
        if (!File.Exists(resultsPath)) throw new FileNotFoundException($"no results.json at {resultsPath}", resultsPath);
        try { return Parse(File.ReadAllText(resultsPath)); }
        catch (JsonException e) { throw new InvalidDataException($"{resultsPath} is not a results.json the reports can read: {e.Message}", e); }
    }

    public static RunReport Parse(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("results.json holds null");
}
