using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Probes;

/// <summary>The probes of a target, built from its endpoints; disposes the clients they hold.</summary>
public sealed class ProbeSet : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ProbeSet(TargetEndpoints target, string runId, IReadOnlyDictionary<string, int> processes, IReadOnlySet<string> skipped, TimeSpan? longQuery = null)
    {
        Postgres = new PostgresProbe(target.Postgres, longQuery ?? TimeSpan.FromSeconds(1));
        Redis = new RedisProbe(target.Redis);
        S3 = new S3Probe(target.S3, runId, _http);
        var probes = new List<IProbe> { new ApiProbe(_http, target.BaseUrl), Postgres, Redis, S3, new ResourceProbe(processes) };
        if (target.Prometheus is { Url: not null } prometheus) probes.Add(new PrometheusProbe(_http, prometheus));
        if (ResourceProbe.DockerAvailable) probes.Add(_containers = new ContainerProbe());
        All = probes.Where(p => !skipped.Contains(p.Name)).ToList();
        Secrets = new Secrets([target.Postgres.Password, target.Redis.Password, target.S3.SecretKey]);
    }

    private readonly ContainerProbe? _containers;

    public PostgresProbe Postgres { get; }
    public RedisProbe Redis { get; }
    public S3Probe S3 { get; }
    public IReadOnlyList<IProbe> All { get; }
    public Secrets Secrets { get; }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        S3.Dispose();
        _containers?.Dispose();
        _http.Dispose();
    }
}
