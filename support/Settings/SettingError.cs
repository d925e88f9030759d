namespace MangaMotion.Acceptance.Settings;

/// <summary>A setting that cannot be used: which one, what it was (masked if secret), and what would be accepted.</summary>
public sealed record SettingError(string Name, string Shown, string Problem, string Accepted)
{
    public override string ToString() => $"{Name}={Shown}: {Problem}; accepted: {Accepted}";
}

/// <summary>Thrown before any load is sent when settings cannot be used; lists every problem at once.</summary>
public sealed class InvalidSettingsException(IReadOnlyList<SettingError> errors)
    : Exception("Settings cannot be used, nothing was run:" + Environment.NewLine +
                string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<SettingError> Errors { get; } = errors;
}
