namespace MangaMotion.Acceptance.Settings;

/// <summary>The components the suite probes, by the names SKIP_PROBES takes and each probe answers to.</summary>
public static class ProbeNames
{
    public const string Api = "api", Postgres = "postgres", Redis = "redis", S3 = "s3", Resources = "resources", Prometheus = "prometheus";

    /// <summary>The Docker host's containers: probed wherever a Docker engine's socket is found, not named in SKIP_PROBES.</summary>
    public const string Containers = "containers";

    public static readonly IReadOnlyList<string> All = [Api, Postgres, Redis, S3, Resources, Prometheus];
}
