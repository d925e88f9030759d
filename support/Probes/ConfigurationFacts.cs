using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using Npgsql;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes;


/// <summary>Read once per run: PostgreSQL max_connections and the jobs indexes; Redis maxmemory and its policy.</summary>
public static class ConfigurationFacts
{
    public static async Task<IReadOnlyList<ConfigurationFact>> ReadAsync(PostgresProbe postgres, RedisProbe redis, CancellationToken cancellation)
    {
        var facts = new List<ConfigurationFact>();
        try
        {
            await using var c = new NpgsqlConnection(postgres.ConnectionString);
            await c.OpenAsync(cancellation);
            var max = Convert.ToInt32(await new NpgsqlCommand("SHOW max_connections", c).ExecuteScalarAsync(cancellation) as string);
            facts.Add(new(ProbeNames.Postgres, DatabaseMeasurements.MaxConnections, max.ToString(), "raise toward 200 if the pool is exhausted (POSTGRES_INIT_ARGS: -c max_connections=200)", max < 200));
            var indexes = new List<string>();
            await using (var r = await new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'jobs'", c).ExecuteReaderAsync(cancellation))
                while (await r.ReadAsync(cancellation)) indexes.Add(r.GetString(0));
            foreach (var column in new[] { "status", "user_id" })
            {
                var indexed = indexes.Any(d => d.Contains($"({column})", StringComparison.Ordinal) || d.Contains($"({column},", StringComparison.Ordinal));
                facts.Add(new(ProbeNames.Postgres, $"index on jobs({column})", indexed ? "present" : "missing", $"CREATE INDEX idx_jobs_{column} ON jobs({column});", !indexed));
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            facts.Add(new(ProbeNames.Postgres, "configuration", $"not readable: {e.GetType().Name}", "", false));
        }
        try
        {
            await using var mux = await ConnectionMultiplexer.ConnectAsync(redis.Options());
            var info = await mux.GetServers()[0].InfoRawAsync("memory") ?? "";
            var maxmemory = RedisProbe.InfoValue(info, "maxmemory") ?? 0;
            var policy = RedisProbe.InfoText(info, "maxmemory_policy") ?? "unknown";
            facts.Add(new(ProbeNames.Redis, "maxmemory", maxmemory == 0 ? "unlimited" : $"{maxmemory / 1048576:0} MB", "CONFIG SET maxmemory 2gb", maxmemory != 0 && maxmemory < 2L * 1024 * 1024 * 1024));
            facts.Add(new(ProbeNames.Redis, "maxmemory-policy", policy, "CONFIG SET maxmemory-policy allkeys-lru", policy != "allkeys-lru"));
        }
        catch (Exception e) when (e is RedisException or InvalidOperationException)
        {
            facts.Add(new(ProbeNames.Redis, "configuration", $"not readable: {e.GetType().Name}", "", false));
        }
        return facts;
    }
}
