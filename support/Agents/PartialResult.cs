using System.Text.Json;
using System.Text.Json.Serialization;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Agents;

/// <summary>
/// One agent's result of one guide test, as it leaves the agent: the test's record (agent 0's with
/// the probes' series; the others' with none), its load result with every histogram encoded, and the
/// data it created, so that agent 0 cleans up after every agent.
/// </summary>
public sealed record PartialResult(int Agent, int Agents, string Test, GuideTestRecord Record, IReadOnlyList<string> ObjectKeys, IReadOnlyList<string> JobIds)
{
    /// <summary>The format this build writes; a partial result without one is of the first format, which reads the same.</summary>
    public const int CurrentSchema = 2;

    /// <summary>The format it was written in; one written before formats were numbered reads as this one (format 1 had the same fields).</summary>
    public int? Schema { get; init; } = CurrentSchema;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="InvalidDataException">naming the key when the object is not a partial result</exception>
    public static PartialResult Parse(byte[] content, string key)
    {
        PartialResult read;
        try { read = JsonSerializer.Deserialize<PartialResult>(content, Json) ?? throw new InvalidDataException($"{key} is empty"); }
        catch (JsonException e) { throw new InvalidDataException($"{key} is not an agent's partial result: {e.Message}", e); }
        return read.Schema is null or <= CurrentSchema ? read
            : throw new InvalidDataException($"{key} is a partial result of format {read.Schema}, newer than this suite reads ({CurrentSchema}): run the same suite version on every agent");
    }
}

/// <summary>An agent's arrival at a start barrier: who, and its own clock when it wrote the marker.</summary>
public sealed record BarrierMarker(int Agent, string Test, DateTimeOffset Clock);

/// <summary>What agent 0 leaves at the run's root: how many agents the run has, so a merge knows whom to wait for.</summary>
public sealed record RunManifest(string RunId, int Agents, DateTimeOffset Started, bool Finished = false);
