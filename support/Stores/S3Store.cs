using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Stores;

/// <summary>Any S3 endpoint (AWS, MinIO, Swift's S3 API) as the results store: objects under bucket/prefix, stamped by the store's clock.</summary>
public sealed class S3Store(S3Settings s3, string bucket, string prefix) : ObjectStore
{
    private readonly AmazonS3Client _client = new(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), new AmazonS3Config
    {
        ServiceURL = s3.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = s3.Endpoint.Scheme == "http",
        MaxErrorRetry = 2, Timeout = TimeSpan.FromSeconds(30),
    });

    public override string Describe() => $"s3://{bucket}/{prefix} at {s3.Endpoint}";

    private string Full(string key) => prefix.Length == 0 ? key : $"{prefix}/{key}";

    /// <summary>Writes the object; a missing results bucket is created first (never anything else of the store's touched).</summary>
    public override async Task PutAsync(string key, byte[] content, CancellationToken cancel)
    {
        PutObjectRequest Request() => new() { BucketName = bucket, Key = Full(key), InputStream = new MemoryStream(content), UseChunkEncoding = false };
        try { await _client.PutObjectAsync(Request(), cancel); }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            try { await _client.PutBucketAsync(bucket, cancel); }
            catch (AmazonS3Exception again) when (again.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists") { }
            catch (AmazonS3Exception refused)
            {
                throw new InvalidOperationException($"the results bucket {bucket} does not exist at {s3.Endpoint} and could not be created ({refused.ErrorCode}: {refused.Message}): create it, or name another in RESULTS_URI", refused);
            }
            await _client.PutObjectAsync(Request(), cancel);
        }
    }

    public override async Task<byte[]?> GetAsync(string key, CancellationToken cancel)
    {
        try
        {
            using var response = await _client.GetObjectAsync(bucket, Full(key), cancel);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, cancel);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public override async Task<IReadOnlyList<StoredObject>> ListAsync(string keyPrefix, CancellationToken cancel)
    {
        var found = new List<StoredObject>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = Full(keyPrefix) };
        do
        {
            var page = await _client.ListObjectsV2Async(request, cancel);
            found.AddRange((page.S3Objects ?? []).Select(o => new StoredObject(prefix.Length == 0 ? o.Key : o.Key[(prefix.Length + 1)..],
                new DateTimeOffset(DateTime.SpecifyKind(o.LastModified ?? DateTime.UtcNow, DateTimeKind.Utc).ToUniversalTime()))));
            request.ContinuationToken = page.NextContinuationToken;
        } while (request.ContinuationToken is not null);
        return found;
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }
}
