using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results.RunFile;

/// <summary>
/// results.json is <see cref="RunResults"/> serialised: one set of options writes and reads it, so what
/// is written is what the reports read. Older schemas read through the same records (their fields are
/// optional; <see cref="BreakingPointRowConverter"/> reads schema 1's sentences). A file that is missing
/// or not JSON is an error naming it.
/// </summary>
public static class RunResultsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(RunResults results) => JsonSerializer.Serialize(results, Options);

    public static RunResults Read(string resultsPath)
    {
        if (!File.Exists(resultsPath)) throw new FileNotFoundException($"no results.json at {resultsPath}", resultsPath);
        try { return Parse(File.ReadAllText(resultsPath)); }
        catch (JsonException e) { throw new InvalidDataException($"{resultsPath} is not a results.json the reports can read: {e.Message}", e); }
    }

    public static RunResults Parse(string json) =>
        JsonSerializer.Deserialize<RunResults>(json, Options) ?? throw new JsonException("results.json holds null");

    /// <summary>A value as results.json would hold it (the load model's plan).</summary>
    public static JsonElement Element<T>(T value) => JsonSerializer.SerializeToElement(value, Options);
}
