using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Agents;

/// <summary>An object the store holds: its key under the store's root and when the store wrote it (the store's clock).</summary>
public sealed record StoredObject(string Key, DateTimeOffset Written);

/// <summary>
/// Shared storage every agent of a run reaches: objects by key, listed by prefix, stamped by the
/// store's own clock (the reference the agents' clocks are compared with). No locks, no protocol:
/// each agent writes only its own keys, so nothing is ever written twice.
/// </summary>
public abstract class ResultsStore : IDisposable
{
    public abstract string Describe();

    public abstract Task PutAsync(string key, byte[] content, CancellationToken cancel);

    /// <returns>null when there is no such object</returns>
    public abstract Task<byte[]?> GetAsync(string key, CancellationToken cancel);

    public abstract Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancel);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>The store RESULTS_URI names: s3://bucket/prefix through S3_ENDPOINT and its keys, or a folder.</summary>
    public static ResultsStore Open(string uri, S3Settings s3)
    {
        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = uri[5..];
            var slash = rest.IndexOf('/');
            return slash < 0 ? new S3ResultsStore(s3, rest, "") : new S3ResultsStore(s3, rest[..slash], rest[(slash + 1)..].Trim('/'));
        }
        return new FolderResultsStore(uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : uri);
    }
}
