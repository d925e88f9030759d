using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaMotion.Acceptance.Results.RunFile;

/// <summary>Schema 1 wrote a breaking point as a sentence; schema 2 as an object. Both read, so old runs still render.</summary>
public sealed class BreakingPointConverter : JsonConverter<BreakingPoint>
{
    public override BreakingPoint? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new BreakingPoint(reader.GetString() ?? "", null, null, null);
        using var document = JsonDocument.ParseValue(ref reader);
        var e = document.RootElement;
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double? Number(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new BreakingPoint(Text("summary") ?? "", Text("stage"), Number("users") is { } u ? (int)u : null, Number("fromSeconds"))
            { CertainUsers = Number("certainUsers") is { } c ? (int)c : null };
    }

    public override void Write(Utf8JsonWriter writer, BreakingPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("summary", value.Summary);
        if (value.Stage is not null) writer.WriteString("stage", value.Stage);
        if (value.Users is { } users) writer.WriteNumber("users", users);
        if (value.FromSeconds is { } from) writer.WriteNumber("fromSeconds", from);
        if (value.CertainUsers is { } certain) writer.WriteNumber("certainUsers", certain);
        writer.WriteEndObject();
    }
}
