using MangaMotion.Acceptance.Results;
using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// Object storage: liveness (MinIO's /minio/health/live where served, else a HEAD of the bucket) and the
/// latency of a small PUT, GET and DELETE of an object the probe owns (named by the run id).
/// </summary>
public sealed class S3Probe(S3Settings settings, string runId, HttpClient http) : IProbe, IDisposable
{
    private readonly AmazonS3Client _s3 = Client(settings);
    private bool? _minioHealth;

    public string Name => ProbeNames.S3;
    public ProbeCost Cost => ProbeCost.Heavy;
    public string SettingToCheck => "S3_ENDPOINT / S3_ACCESS_KEY / S3_SECRET_KEY / S3_BUCKET";
    internal string ObjectKey => $"mm-acceptance/probe-{runId}.txt";

    public static AmazonS3Client Client(S3Settings s) => new(new BasicAWSCredentials(s.AccessKey, s.SecretKey), new AmazonS3Config
    {
        ServiceURL = s.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = s.Endpoint.Scheme == "http",
        MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(5),
    });

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        // A successful round trip proves liveness; MinIO's health endpoint (where served) is cheap, and
        // the bucket HEAD is only spent on a server without one when the round trip itself failed.
        var values = new Dictionary<string, double>();
        if (_minioHealth != false) values[StorageMeasurements.Live] = await LiveAsync(cancellation) ? 1 : 0;
        var clock = Stopwatch.StartNew();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = settings.Bucket, Key = ObjectKey, ContentBody = runId, UseChunkEncoding = false }, cancellation);
        values[StorageMeasurements.PutMs] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        using (var get = await _s3.GetObjectAsync(settings.Bucket, ObjectKey, cancellation)) await get.ResponseStream.CopyToAsync(Stream.Null, cancellation);
        values[StorageMeasurements.GetMs] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await _s3.DeleteObjectAsync(settings.Bucket, ObjectKey, cancellation);
        values[StorageMeasurements.DeleteMs] = clock.Elapsed.TotalMilliseconds;
        values[StorageMeasurements.Live] = 1;
        return new ProbeReading(values, _minioHealth == true ? [] : ["liveness from a bucket HEAD (no /minio/health/live on this server)"]);
    }

    private async Task<bool> LiveAsync(CancellationToken cancellation)
    {
        if (_minioHealth != false)
        {
            using var response = await http.GetAsync(new Uri(settings.Endpoint, "minio/health/live"), cancellation);
            _minioHealth = response.IsSuccessStatusCode;
            if (_minioHealth == true) return true;
        }
        await _s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = settings.Bucket }, cancellation);
        return true;
    }

    public void Dispose() => _s3.Dispose();
}
