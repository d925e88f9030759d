namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Where the deployment under test is, in the contract's terms. Built from the settings (an external
/// deployment) or from the embedded stack's own description of itself (the same names).
/// </summary>
public sealed record TargetEndpoints(Uri BaseUrl, PostgresSettings Postgres, RedisSettings Redis, S3Settings S3, bool Embedded)
{
    /// <summary>The deployment's monitoring, where it has one (PROMETHEUS_URL; the embedded stack's own).</summary>
    public PrometheusSettings? Prometheus { get; init; }

    public static TargetEndpoints FromSettings(SuiteSettings settings) =>
        new(settings.BaseUrl ?? throw new InvalidOperationException("BASE_URL is unset: the embedded stack is the target"),
            settings.Postgres, settings.Redis, settings.S3, Embedded: false) { Prometheus = settings.Prometheus.Url is null ? null : settings.Prometheus };

    /// <summary>The embedded stack's NAME=value description read through the same settings reader as a deployment's.</summary>
    public static TargetEndpoints FromStackSettings(IReadOnlyDictionary<string, string> stack)
    {
        var settings = SettingsReader.Read(stack.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        return FromSettings(settings) with { Embedded = true };
    }

    /// <summary>For reports: addresses, never credentials.</summary>
    public string Describe() =>
        $"{(Embedded ? "embedded reference stack" : "deployment")} at {Redaction.Mask(BaseUrl.ToString())} (S3 {S3.Endpoint}, PostgreSQL {Postgres.Host}:{Postgres.Port}/{Postgres.Database}, Redis {Redis.Host}:{Redis.Port})";
}
