using System.Net;
using Amazon.S3;
using MangaMotion.Acceptance.Probes.Queue;
using MangaMotion.Acceptance.Settings;
using Npgsql;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// Removes only what the suite created, and says per component what it removed and what it could not:
/// job rows whose user id carries this run's id, the run's own jobs still queued in Redis (a list's
/// entries with the run's job ids; a BullMQ job only when its data carries the run's user id), and the
/// objects whose keys the run recorded. The guide's FLUSHDB happens only when asked for explicitly,
/// and on a Redis that is not on this machine only with a second, explicit permission.
/// </summary>
public sealed class TestDataCleanup(PostgresSettings postgres, RedisSettings redis, S3Settings s3)
{
    /// <summary>The user id prefix every virtual user of a run sends as X-User-ID, so its rows can be found again.</summary>
    public static string UserPrefix(string runId) => $"mm-acceptance-{runId}";

    public async Task<IReadOnlyList<string>> RemoveRunDataAsync(string runId, IReadOnlyCollection<string> objectKeys, IReadOnlyCollection<string> jobIds, CancellationToken cancellation) =>
    [
        await JobRowsAsync(runId, cancellation),
        await QueuedJobsAsync(runId, jobIds),
        await ObjectsAsync(objectKeys, cancellation),
    ];

    private async Task<string> JobRowsAsync(string runId, CancellationToken cancellation)
    {
        try
        {
            await using var c = new NpgsqlConnection(PostgresProbe.ConnectionStringFor(postgres, "mm-acceptance-cleanup", maxPool: 1));
            await c.OpenAsync(cancellation);
            await using var delete = new NpgsqlCommand("DELETE FROM jobs WHERE user_id LIKE $1", c) { Parameters = { new() { Value = UserPrefix(runId) + "%" } } };
            return $"PostgreSQL: removed {await delete.ExecuteNonQueryAsync(cancellation)} job rows of run {runId}";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return "PostgreSQL: no jobs table, so no job rows to remove"; }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { return $"PostgreSQL: job rows not removed ({e.GetType().Name}: {e.Message})"; }
    }

    private async Task<string> QueuedJobsAsync(string runId, IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return "Redis queue: the run created no jobs";
        try
        {
            var options = new ConfigurationOptions { Password = redis.Password, ConnectTimeout = 3000, AbortOnConnectFail = true, ClientName = "mm-acceptance-cleanup" };
            options.EndPoints.Add(redis.Host, redis.Port);
            await using var mux = await ConnectionMultiplexer.ConnectAsync(options);
            var db = mux.GetDatabase();
            var layout = await new QueueReader(redis).LayoutAsync(db);
            return layout.IsBullMq ? await BullMqAsync(db, layout, runId, jobIds) : await ListAsync(db, layout, jobIds);
        }
        catch (Exception e) when (e is RedisException or TimeoutException) { return $"Redis queue: the run's queued jobs not removed ({e.GetType().Name}: {e.Message})"; }
    }

    private static async Task<string> ListAsync(IDatabase db, QueueLayout layout, IReadOnlyCollection<string> jobIds)
    {
        long removed = 0;
        foreach (var id in jobIds) removed += await db.ListRemoveAsync(layout.Key, id);
        return $"Redis queue {layout.Key}: removed {removed} still queued of the run's {jobIds.Count} jobs; no other entry touched";
    }

    private static async Task<string> BullMqAsync(IDatabase db, QueueLayout layout, string runId, IReadOnlyCollection<string> jobIds)
    {
        var (removed, active, notOurs) = (0, 0, 0);
        foreach (var id in jobIds)
        {
            var data = (string?)await db.HashGetAsync(layout.Part(id), "data");
            if (data is null) continue; // finished and removed by the queue itself
            if (!data.Contains(UserPrefix(runId), StringComparison.Ordinal)) { notOurs++; continue; }
            if (await db.ListPositionAsync(layout.Part("active"), id) >= 0) { active++; continue; }
            await db.ListRemoveAsync(layout.Part("wait"), id);
            await db.ListRemoveAsync(layout.Part("paused"), id);
            await db.SortedSetRemoveAsync(layout.Part("prioritized"), id);
            await db.SortedSetRemoveAsync(layout.Part("delayed"), id);
            await db.KeyDeleteAsync([layout.Part(id), layout.Part($"{id}:logs")]);
            removed++;
        }
        return $"Redis queue {layout.Key} (BullMQ): removed {removed} still queued jobs of the run" +
               (active > 0 ? $"; {active} being processed were left to the worker" : "") +
               (notOurs > 0 ? $"; {notOurs} left because their data does not carry the run's user id, so they cannot be told apart from others'" : "");
    }

    private async Task<string> ObjectsAsync(IReadOnlyCollection<string> objectKeys, CancellationToken cancellation)
    {
        using var client = S3Probe.Client(s3);
        var removed = 0;
        foreach (var key in objectKeys.Distinct())
        {
            // One by one: multi-object delete is not supported by every S3 implementation.
            try { await client.DeleteObjectAsync(s3.Bucket, key, cancellation); removed++; }
            catch (AmazonS3Exception) { }
        }
        return $"S3 bucket {s3.Bucket}: removed {removed} of the {objectKeys.Distinct().Count()} objects the run put through presigned URLs; " +
               "pages uploaded through /api/upload are stored by the API under keys it chose and were not removed";
    }

    /// <summary>The guide's FLUSHDB, only behind FLUSH_REDIS_BEFORE_RUN (and FLUSH_REMOTE_REDIS for a Redis elsewhere).</summary>
    /// <exception cref="InvalidOperationException">when the Redis is not on this machine and FLUSH_REMOTE_REDIS is not set</exception>
    public async Task<string> FlushRedisIfAllowedAsync(bool flush, bool remoteAllowed)
    {
        if (!flush) return "Redis not flushed (FLUSH_REDIS_BEFORE_RUN is off)";
        if (!IsLoopback(redis.Host) && !remoteAllowed)
            throw new InvalidOperationException($"FLUSH_REDIS_BEFORE_RUN refused: {redis.Host} is not this machine; set FLUSH_REMOTE_REDIS=true to allow deleting every key there");
        var options = new ConfigurationOptions { AllowAdmin = true, Password = redis.Password, ConnectTimeout = 3000 };
        options.EndPoints.Add(redis.Host, redis.Port);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(options);
        await mux.GetServers().First().FlushDatabaseAsync();
        return $"Redis database at {redis.Host}:{redis.Port} flushed (FLUSH_REDIS_BEFORE_RUN)";
    }

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
