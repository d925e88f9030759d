namespace MangaMotion.Acceptance.Stores;

/// <summary>A folder as the results store (agents on one machine, or a shared volume); files are written whole, then renamed into place.</summary>
public sealed class FolderStore(string root) : ObjectStore
{
    public override string Describe() => $"folder {root}";

    private string PathOf(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));

    public override async Task PutAsync(string key, byte[] content, CancellationToken cancel)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var part = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(part, content, cancel);
        File.Move(part, path, overwrite: true);
    }

    public override async Task<byte[]?> GetAsync(string key, CancellationToken cancel) =>
        File.Exists(PathOf(key)) ? await File.ReadAllBytesAsync(PathOf(key), cancel) : null;

    public override Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancel)
    {
        // A key prefix, as S3 lists them: the folder up to its last '/', then keys starting with the whole prefix.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? root : PathOf(prefix[..slash]);
        IReadOnlyList<StoredObject> found = !Directory.Exists(folder) ? []
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".part", StringComparison.Ordinal))
                .Select(f => new StoredObject(Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.GetLastWriteTimeUtc(f)))
                .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        return Task.FromResult(found);
    }
}
