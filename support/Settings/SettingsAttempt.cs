namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Reading settings as a scenario does it: variables are given one by one, then read once; the
/// outcome is either the settings or the refusal, never an exception escaping into a step.
/// </summary>
public sealed class SettingsAttempt
{
    private readonly Dictionary<string, string?> _given = new(StringComparer.Ordinal);

    public SuiteSettings? Settings { get; private set; }
    public InvalidSettingsException? Refusal { get; private set; }

    public void Give(string name, string value)
    {
        if (SettingsCatalog.Find(name) is null)
            throw new ArgumentException($"{name} is not a setting of the suite; known: {string.Join(", ", SettingsCatalog.All.Select(s => s.Name))}");
        _given[name] = value;
    }

    public void Read()
    {
        try
        {
            Settings = SettingsReader.Read(_given);
        }
        catch (InvalidSettingsException e)
        {
            Refusal = e;
        }
    }

    public SuiteSettings Accepted => Settings ?? throw new InvalidOperationException($"The settings were refused: {Refusal?.Message}");

    public InvalidSettingsException Refused => Refusal ?? throw new InvalidOperationException("The settings were accepted, not refused");

    /// <summary>A setting's value as reports show it (secrets masked).</summary>
    public string Shown(string name) =>
        Accepted.Values.FirstOrDefault(v => v.Name == name)?.Shown ?? throw new ArgumentException($"{name} is not a setting of the suite");
}
