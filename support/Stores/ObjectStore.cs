using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Stores;

/// <summary>An object the store holds: its key under the store's root and when the store wrote it (the store's clock).</summary>
public sealed record StoredObject(string Key, DateTimeOffset Written);

/// <summary>
/// Shared storage every agent of a run, and every run of a history, reaches: objects by key, listed by prefix, stamped by the
/// store's own clock (the reference the agents' clocks are compared with). No locks, no protocol:
/// each agent writes only its own keys, so nothing is ever written twice.
/// </summary>
public abstract class ObjectStore : IDisposable
{
    public abstract string Describe();

    public abstract Task PutAsync(string key, byte[] content, CancellationToken cancel);

    /// <returns>null when there is no such object</returns>
    public abstract Task<byte[]?> GetAsync(string key, CancellationToken cancel);

    public abstract Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancel);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>
    /// The store a URI names: s3://bucket/prefix through S3_ENDPOINT and its keys, postgresql://user:pw@host:port/db
    /// (a table in that database), or a folder. <paramref name="shown"/> is the URI as reports may show it (masked).
    /// </summary>
    public static ObjectStore Open(string uri, S3Settings s3, string? shown = null)
    {
        if (uri.StartsWith("postgresql://", StringComparison.Ordinal) || uri.StartsWith("postgres://", StringComparison.Ordinal))
            return new PostgresStore(new Uri(uri), shown ?? uri);
        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = uri[5..];
            var slash = rest.IndexOf('/');
            return slash < 0 ? new S3Store(s3, rest, "") : new S3Store(s3, rest[..slash], rest[(slash + 1)..].Trim('/'));
        }
        return new FolderStore(uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : uri);
    }
}
