using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using MangaMotion.Acceptance.Stack.Faults;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Flavors;

/// <summary>
/// The worker of the bullmq flavour: takes jobs from BullMQ's wait list (concurrency = MM_WORKERS,
/// one by default), reads the pages, hashes them, and removes the job when it ends, recording
/// `completed` or `failed` in the queue's events stream. Faults make it slow, failing or stopped.
/// </summary>
public sealed class BullMqWorker(StackOptions options)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(options.S3AccessKey, options.S3SecretKey),
            new AmazonS3Config { ServiceURL = options.S3Direct.ToString(), ForcePathStyle = true, AuthenticationRegion = options.S3Region, UseHttp = true });
        var faults = new FaultSettings.Watcher(redis);
        var queue = new BullMqQueue(redis.GetDatabase(), options.QueueKey);
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => LoopAsync(queue, s3, faults, stop)));
    }

    private async Task LoopAsync(BullMqQueue queue, AmazonS3Client s3, FaultSettings.Watcher faults, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (faults.Current.WorkersStopped || await queue.TakeAsync() is not { } job) { await Task.Delay(50, stop); continue; }
                string? failure = null;
                try { await ProcessAsync(job.Data, s3, faults.Current, stop); }
                catch (Exception e) when (!stop.IsCancellationRequested) { failure = $"{e.GetType().Name}: {e.Message}"; }
                await queue.FinishAsync(job.Id, failure);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                Console.Error.WriteLine($"worker: {e.GetType().Name}: {e.Message}");
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private async Task ProcessAsync(string data, AmazonS3Client s3, FaultSettings faults, CancellationToken stop)
    {
        await JobPacer.WaitTurnAsync(faults.WorkerJobsPerSecond, stop);
        if (faults.WorkerDelayMs > 0) await Task.Delay(faults.WorkerDelayMs, stop);
        if (faults.WorkerFailureRate > 0 && Random.Shared.NextDouble() < faults.WorkerFailureRate) throw new InvalidOperationException("injected worker failure");
        var digest = new byte[32];
        foreach (var key in JsonDocument.Parse(data).RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetString()!))
        {
            using var page = await s3.GetObjectAsync(options.Bucket, key, stop);
            using var buffer = new MemoryStream();
            await page.ResponseStream.CopyToAsync(buffer, stop);
            for (var round = 0; round < options.WorkRoundsPerPage; round++) digest = SHA256.HashData([.. digest, .. buffer.ToArray()]);
        }
    }
}
