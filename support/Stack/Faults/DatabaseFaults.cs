using Npgsql;

namespace MangaMotion.Acceptance.Stack.Faults;

/// <summary>
/// Faults that live in PostgreSQL itself: a transaction holding a lock on jobs, a forced deadlock,
/// and idle connections that use up max_connections. Each is visible to the suite's own probes
/// (pg_locks, pg_stat_database.deadlocks, pg_stat_activity).
/// </summary>
public sealed class DatabaseFaults(string connectionString)
{
    private readonly List<NpgsqlConnection> _hogs = [];

    /// <summary>Holds a lock on the jobs table for a while: ACCESS EXCLUSIVE blocks every query on it, "rows" only writers.</summary>
    public Task HoldLockAsync(TimeSpan duration, bool exclusive) => Task.Run(async () =>
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var sql = exclusive ? "LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE" : "SELECT id FROM jobs FOR UPDATE";
        await new NpgsqlCommand($"SET application_name = 'mm-fault-lock'; {sql}", c, tx).ExecuteNonQueryAsync();
        await Task.Delay(duration);
        await tx.RollbackAsync();
    });

    /// <summary>Two transactions update two rows in opposite orders; PostgreSQL detects the deadlock and aborts one.</summary>
    public async Task<string> ForceDeadlockAsync()
    {
        var ids = new List<long>();
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            for (var i = 0; i < 2; i++)
                ids.Add((long)(await new NpgsqlCommand("INSERT INTO jobs(user_id, status) VALUES ('mm-stack-fault', 'completed') RETURNING id", setup).ExecuteScalarAsync())!);
        }
        async Task<string> Transaction(long first, long second, TimeSpan pause)
        {
            // Unpooled: a backend flushes its statistics (the deadlock count) when it exits, not while it idles in a pool.
            await using var c = new NpgsqlConnection(connectionString + ";Pooling=false");
            await c.OpenAsync();
            await using var tx = await c.BeginTransactionAsync();
            try
            {
                await new NpgsqlCommand($"UPDATE jobs SET updated_at = now() WHERE id = {first}", c, tx).ExecuteNonQueryAsync();
                await Task.Delay(pause);
                await new NpgsqlCommand($"UPDATE jobs SET updated_at = now() WHERE id = {second}", c, tx).ExecuteNonQueryAsync();
                await tx.CommitAsync();
                return "committed";
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
            {
                return "deadlock detected";
            }
        }
        var results = await Task.WhenAll(Transaction(ids[0], ids[1], TimeSpan.FromMilliseconds(300)), Transaction(ids[1], ids[0], TimeSpan.FromMilliseconds(300)));
        await using (var cleanup = new NpgsqlConnection(connectionString))
        {
            await cleanup.OpenAsync();
            await new NpgsqlCommand($"DELETE FROM jobs WHERE id IN ({ids[0]}, {ids[1]})", cleanup).ExecuteNonQueryAsync();
        }
        return string.Join(", ", results);
    }

    /// <summary>Opens idle connections until the server refuses more (or <paramref name="count"/> are open), for a while.</summary>
    public async Task<int> ExhaustConnectionsAsync(int count, TimeSpan duration)
    {
        var opened = 0;
        for (var i = 0; i < count; i++)
        {
            var c = new NpgsqlConnection(connectionString + ";Pooling=false;Application Name=mm-fault-hog");
            try { await c.OpenAsync(); lock (_hogs) _hogs.Add(c); opened++; }
            catch (NpgsqlException) { await c.DisposeAsync(); break; }
        }
        _ = Task.Delay(duration).ContinueWith(_ => Release());
        return opened;
    }

    public void Release()
    {
        lock (_hogs)
        {
            foreach (var c in _hogs) c.Dispose();
            _hogs.Clear();
        }
    }
}
