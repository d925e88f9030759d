namespace MangaMotion.Acceptance.Settings;

/// <summary>What kind of value a setting takes; each kind knows how to explain what it accepts.</summary>
public enum SettingKind { Integer, Duration, HttpUrl, Text, Choice, Secret, Flag }

/// <summary>
/// One setting: its environment variable name (the guide's where the guide names it), default,
/// accepted values and meaning. Secrets are never echoed back, in errors or reports.
/// </summary>
public sealed record Setting(
    string Name,
    SettingKind Kind,
    string? Default,
    string Meaning,
    long Min = long.MinValue,
    long Max = long.MaxValue,
    IReadOnlyList<string>? Choices = null)
{
    public bool IsSecret => Kind == SettingKind.Secret;

    public string Accepted => Kind switch
    {
        SettingKind.Integer => Max == long.MaxValue ? $"a whole number of at least {Min}" : $"a whole number from {Min} to {Max}",
        SettingKind.Duration => DurationText.Accepted,
        SettingKind.HttpUrl => "an absolute http:// or https:// URL such as http://localhost:3000",
        SettingKind.Choice => "one of " + string.Join(", ", Choices ?? []),
        SettingKind.Flag => "true or false",
        _ => "any text",
    };

    /// <summary>The value as it may appear in output: secrets masked.</summary>
    public string Shown(string? value) => value is null ? "(unset)" : IsSecret ? Redaction.Hidden : Redaction.Mask(value);
}
