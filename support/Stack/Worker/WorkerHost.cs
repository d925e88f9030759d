using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using MangaMotion.Acceptance.Stack.Faults;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Worker;

/// <summary>
/// The reference worker: takes job ids from the queue, reads the job's pages from object storage,
/// does real CPU work proportional to their size (hashing them repeatedly), and moves the job through
/// active (with progress) to completed or failed. Faults make it slow, failing or stopped.
/// </summary>
public sealed class WorkerHost(StackOptions options)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await using var database = NpgsqlDataSource.Create(options.Postgres);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(options.S3AccessKey, options.S3SecretKey),
            new AmazonS3Config { ServiceURL = options.S3Direct.ToString(), ForcePathStyle = true, AuthenticationRegion = options.S3Region, UseHttp = true });
        var faults = new FaultSettings.Watcher(redis);
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => LoopAsync(database, redis.GetDatabase(), s3, faults, stop)));
    }

    private async Task LoopAsync(NpgsqlDataSource database, IDatabase redis, AmazonS3Client s3, FaultSettings.Watcher faults, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (faults.Current.WorkersStopped) { await Task.Delay(200, stop); continue; }
                var next = await redis.ListRightPopAsync(options.QueueKey);
                if (next.IsNull || !long.TryParse(next.ToString(), out var id)) { await Task.Delay(next.IsNull ? 50 : 0, stop); continue; }
                await ProcessAsync(id, database, redis, s3, faults.Current, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                Console.Error.WriteLine($"worker: {e.GetType().Name}: {e.Message}");
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private async Task ProcessAsync(long id, NpgsqlDataSource database, IDatabase redis, AmazonS3Client s3, FaultSettings faults, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        await using var take = database.CreateCommand("UPDATE jobs SET status = 'active', progress = 0, updated_at = now() WHERE id = $1 AND status = 'waiting' RETURNING data::text");
        take.Parameters.AddWithValue(id);
        if (await take.ExecuteScalarAsync(stop) is not string data) return;
        try
        {
            await JobPacer.WaitTurnAsync(faults.WorkerJobsPerSecond, stop);
            if (faults.WorkerDelayMs > 0) await Task.Delay(faults.WorkerDelayMs, stop);
            if (faults.WorkerFailureRate > 0 && Random.Shared.NextDouble() < faults.WorkerFailureRate) throw new InvalidOperationException("injected worker failure");
            var pages = JsonDocument.Parse(data).RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetString()!).ToList();
            var digest = new byte[32];
            for (var i = 0; i < pages.Count; i++)
            {
                using var page = await s3.GetObjectAsync(options.Bucket, pages[i], stop);
                using var buffer = new MemoryStream();
                await page.ResponseStream.CopyToAsync(buffer, stop);
                digest = Work(buffer.ToArray(), digest);
                await Update(database, "UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1", id, (i + 1) * 100 / pages.Count, stop);
            }
            await using var done = database.CreateCommand("UPDATE jobs SET status = 'completed', progress = 100, returnvalue = $2, updated_at = now() WHERE id = $1");
            done.Parameters.AddWithValue(id);
            done.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(new { pages = pages.Count, digest = Convert.ToHexString(digest) }), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await done.ExecuteNonQueryAsync(stop);
            await WorkerMetrics.RecordAsync(redis, completed: true, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            await using var failed = database.CreateCommand("UPDATE jobs SET status = 'failed', failed_reason = $2, updated_at = now() WHERE id = $1");
            failed.Parameters.AddWithValue(id);
            failed.Parameters.AddWithValue($"{e.GetType().Name}: {e.Message}");
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
            await WorkerMetrics.RecordAsync(redis, completed: false, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>CPU work proportional to the page's size: the configured number of SHA-256 passes over it.</summary>
    private byte[] Work(byte[] page, byte[] digest)
    {
        for (var round = 0; round < options.WorkRoundsPerPage; round++)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(digest);
            sha.AppendData(page);
            digest = sha.GetHashAndReset();
        }
        return digest;
    }

    private static async Task Update(NpgsqlDataSource database, string sql, long id, int value, CancellationToken stop)
    {
        await using var cmd = database.CreateCommand(sql);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(value);
        await cmd.ExecuteNonQueryAsync(stop);
    }
}
