using System.Net;
using Amazon.S3;
using MangaMotion.Acceptance.Settings;
using Npgsql;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// Removes only what the suite created: job rows whose user id carries this run's id, and the objects
/// whose keys the run recorded. The guide's FLUSHDB happens only when asked for explicitly, and on a
/// Redis that is not on this machine only with a second, explicit permission.
/// </summary>
public sealed class TestDataCleanup(PostgresSettings postgres, RedisSettings redis, S3Settings s3)
{
    /// <summary>The user id prefix every virtual user of a run sends as X-User-ID, so its rows can be found again.</summary>
    public static string UserPrefix(string runId) => $"mm-acceptance-{runId}";

    public async Task<string> RemoveRunDataAsync(string runId, IEnumerable<string> objectKeys, CancellationToken cancellation)
    {
        var said = new List<string>();
        try
        {
            await using var c = new NpgsqlConnection(PostgresProbe.ConnectionStringFor(postgres, "mm-acceptance-cleanup", maxPool: 1));
            await c.OpenAsync(cancellation);
            await using var delete = new NpgsqlCommand("DELETE FROM jobs WHERE user_id LIKE $1", c) { Parameters = { new() { Value = UserPrefix(runId) + "%" } } };
            said.Add($"{await delete.ExecuteNonQueryAsync(cancellation)} job rows of run {runId}");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { said.Add($"job rows not removed: {e.GetType().Name}"); }
        using var client = S3Probe.Client(s3);
        var removed = 0;
        foreach (var key in objectKeys.Distinct())
        {
            // One by one: multi-object delete is not supported by every S3 implementation.
            try { await client.DeleteObjectAsync(s3.Bucket, key, cancellation); removed++; }
            catch (AmazonS3Exception) { }
        }
        said.Add($"{removed} objects");
        return "removed " + string.Join(", ", said);
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
