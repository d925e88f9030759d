using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using Npgsql;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// PostgreSQL as the guide's diagnosis reads it: connections against max_connections (pool
/// exhaustion), non-idle queries running longer than a threshold, lock waits with the blocking pid,
/// and the database's deadlock counter (its growth over the run is the number of deadlocks).
/// </summary>
public sealed class PostgresProbe(PostgresSettings settings, TimeSpan longQuery) : IProbe
{
    public string Name => ProbeNames.Postgres;
    public ProbeCost Cost => ProbeCost.Cheap;
    public string SettingToCheck => "POSTGRES_HOST / POSTGRES_PORT / POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB";

    internal string ConnectionString => ConnectionStringFor(settings, "mm-acceptance-probe", maxPool: 2);

    /// <summary>The one way the suite connects to the target's PostgreSQL (probes, facts, cleanup).</summary>
    internal static string ConnectionStringFor(PostgresSettings s, string application, int maxPool) => new NpgsqlConnectionStringBuilder
    {
        Host = s.Host, Port = s.Port, Username = s.User, Password = s.Password, Database = s.Database,
        Timeout = 3, CommandTimeout = 5, ApplicationName = application, Pooling = true, MaxPoolSize = maxPool,
    }.ConnectionString;

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync(cancellation);
        var values = new Dictionary<string, double>();
        var details = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_stat_activity),
                   current_setting('max_connections')::int,
                   (SELECT count(*) FROM pg_stat_activity WHERE state IS NOT NULL AND state <> 'idle' AND pid <> pg_backend_pid()),
                   (SELECT count(*) FROM pg_locks WHERE NOT granted),
                   (SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
                        AND coalesce(application_name, '') NOT LIKE 'mm-acceptance%')
            """, c))
        await using (var r = await cmd.ExecuteReaderAsync(cancellation))
        {
            await r.ReadAsync(cancellation);
            values[DatabaseMeasurements.Connections] = r.GetInt64(0);
            values[DatabaseMeasurements.MaxConnections] = r.GetInt32(1);
            values[DatabaseMeasurements.ConnectionsUsedRatio] = r.GetInt64(0) / (double)r.GetInt32(1);
            values[DatabaseMeasurements.ActiveQueries] = r.GetInt64(2);
            values[DatabaseMeasurements.LockWaits] = r.GetInt64(3);
            values[DatabaseMeasurements.DeadlocksTotal] = r.GetInt64(4);
            // The application's own sessions: every client of the database but the suite's probes, witnesses and cleanup.
            values[DatabaseMeasurements.AppConnections] = r.GetInt64(5);
        }
        await using (var cmd = new NpgsqlCommand("""
            SELECT pid, state, coalesce(wait_event_type || ':' || wait_event, ''), extract(epoch FROM now() - query_start), left(query, 160),
                   array_to_string(pg_blocking_pids(pid), ',')
            FROM pg_stat_activity
            WHERE state IS NOT NULL AND state <> 'idle' AND pid <> pg_backend_pid() AND now() - query_start > make_interval(secs => $1)
            ORDER BY query_start LIMIT 5
            """, c) { Parameters = { new() { Value = longQuery.TotalSeconds } } })
        await using (var r = await cmd.ExecuteReaderAsync(cancellation))
        {
            var slow = 0;
            while (await r.ReadAsync(cancellation))
            {
                slow++;
                var blockedBy = r.GetString(5);
                details.Add($"pid {r.GetInt32(0)} {r.GetString(1)} for {r.GetDouble(3):0.0}s{(r.GetString(2).Length > 0 ? $" waiting on {r.GetString(2)}" : "")}{(blockedBy.Length > 0 ? $" blocked by pid {blockedBy}" : "")}: {r.GetString(4)}");
            }
            values[DatabaseMeasurements.LongRunningQueries] = slow;
        }
        return new ProbeReading(values, details);
    }
}
