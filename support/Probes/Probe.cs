namespace MangaMotion.Acceptance.Probes;

/// <summary>What one probe read: named numbers (series) and short details (a blocking query, an alert).</summary>
public sealed record ProbeReading(IReadOnlyDictionary<string, double> Values, IReadOnlyList<string> Details)
{
    public static ProbeReading Of(IReadOnlyDictionary<string, double> values, params string[] details) => new(values, details);
}

/// <summary>How often a probe may run: cheap ones every second, heavy ones every few seconds.</summary>
public enum ProbeCost { Cheap, Heavy }

/// <summary>One component read by one client library. Implementations never swallow the cancellation of their deadline.</summary>
public interface IProbe
{
    /// <summary>"api", "postgres", "redis", "s3", "resources".</summary>
    string Name { get; }

    ProbeCost Cost { get; }

    /// <summary>The setting a user should check when this probe fails.</summary>
    string SettingToCheck { get; }

    Task<ProbeReading> ReadAsync(CancellationToken cancellation);
}

