using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Probes;

/// <summary>The target's credentials, hidden by the suite's one masking rule (<see cref="Redaction"/>) in any probe text.</summary>
public sealed class Secrets
{
    public Secrets(IEnumerable<string?> values) => Redaction.Register(values);

    public string Mask(string text) => Redaction.Mask(text);
}
