using System.Globalization;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Settings;

/// <summary>Durations written the way k6 users write them: 500ms, 30s, 2m, 1h, 1m30s.</summary>
public static partial class DurationText
{
    public const string Accepted = "a duration such as 500ms, 30s, 2m, 1h or 1m30s";

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim().ToLowerInvariant() ?? "";
        var match = Pattern().Match(trimmed);
        if (trimmed.Length == 0 || !match.Success) return false;
        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        value = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        return true;
    }

    /// <summary>The shortest k6-style text for a duration (2m, 1m30s, 500ms).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        if (value.TotalSeconds < 1) return $"{(int)value.TotalMilliseconds}ms";
        var text = "";
        if (value.Hours + value.Days * 24 > 0) text += $"{value.Hours + value.Days * 24}h";
        if (value.Minutes > 0) text += $"{value.Minutes}m";
        if (value.Seconds > 0 || value.Milliseconds > 0)
            text += value.Milliseconds > 0 ? $"{value.Seconds}.{value.Milliseconds:000}".TrimEnd('0') + "s" : $"{value.Seconds}s";
        return text;
    }
}
