namespace MangaMotion.Acceptance.Probes;

/// <summary>Removes known secret values (passwords, keys) from any text before it reaches output or reports.</summary>
public sealed class Secrets(IEnumerable<string?> values)
{
    private readonly string[] _values = values.Where(v => !string.IsNullOrEmpty(v) && v.Length >= 3).Select(v => v!).Distinct().ToArray();

    public string Mask(string text)
    {
        foreach (var secret in _values) text = text.Replace(secret, "****", StringComparison.Ordinal);
        return text;
    }
}
