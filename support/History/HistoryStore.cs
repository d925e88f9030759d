using System.Text.Json;
using MangaMotion.Acceptance.Results.History;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Stores;

namespace MangaMotion.Acceptance.History;

/// <summary>
/// The run history in its store (HISTORY_URI, or reports/history): each run one object of its own,
/// so runs finishing at once on different machines never overwrite each other. A record the store
/// does not take is kept in reports/history-outbox and sent before the next run's; an object that is
/// not a readable record is skipped and named, never fatal.
/// </summary>
public sealed class HistoryStore(HistorySettings settings, S3Settings s3, string reportsRoot) : IDisposable
{
    private const string Prefix = "runs/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<ObjectStore> _store = new(() => ObjectStore.Open(settings.Uri ?? Path.Combine(reportsRoot, "history"), s3, settings.Shown));

    /// <summary>Bounds every read and write: a slow store costs the run this much at most, each time.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(60);

    public string Outbox { get; } = Path.Combine(reportsRoot, "history-outbox");

    public string Describe() => settings.Shown ?? $"folder {Path.Combine(reportsRoot, "history")}";

    /// <summary>The earlier runs against <paramref name="target"/> with <paramref name="profile"/>, oldest first; what went wrong is in the answer, never thrown.</summary>
    /// <param name="profile">null: every profile</param>
    /// <param name="target">null: every target</param>
    public async Task<PastRuns> ReadAsync(string? profile, string? target, string thisRun)
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            var skipped = new List<string>();
            var records = new Dictionary<string, HistoryRecord>();
            var listed = await _store.Value.ListAsync(Prefix, patience.Token);
            using var gate = new SemaphoreSlim(8);
            var read = await Task.WhenAll(listed.Where(o => o.Key.EndsWith(".json", StringComparison.Ordinal)).Select(async o =>
            {
                await gate.WaitAsync(patience.Token);
                try { return (o.Key, Bytes: await _store.Value.GetAsync(o.Key, patience.Token)); }
                finally { gate.Release(); }
            }));
            foreach (var (key, bytes) in read.Concat(Kept().Select(f => (Key: Prefix + Path.GetFileName(f), Bytes: (byte[]?)File.ReadAllBytes(f)))))
                if (Parse(key, bytes, skipped) is { } record) records[key] = record;
            var mine = records.Values.Where(r => (profile is null || r.Profile == profile) && (target is null || r.Target == target) && r.Run != thisRun)
                .OrderBy(r => r.StartedAt).ThenBy(r => r.Run, StringComparer.Ordinal).ToList();
            return new PastRuns(Describe(), mine) { Skipped = skipped, ThisRun = thisRun, Window = settings.Window };
        }
        catch (Exception e)
        {
            return new PastRuns(Describe(), [], Redaction.Mask(Why(e, patience))) { ThisRun = thisRun, Window = settings.Window };
        }
    }

    /// <summary>The runs the store (and the records kept for it) holds, by folder name, whatever their target; or why the store could not be read.</summary>
    public async Task<(IReadOnlySet<string>? Names, string? Unavailable)> ReadRunNamesAsync()
    {
        var all = await ReadAsync(null, null, "");
        return all.Unavailable is { } why ? (null, why) : (all.Runs.Select(r => r.Run).ToHashSet(), null);
    }

    /// <summary>Sends the records kept from earlier runs, then this one; what could not be sent is kept for the next run. Null when everything landed.</summary>
    public async Task<string?> RecordAsync(HistoryRecord record)
    {
        Directory.CreateDirectory(Outbox);
        var kept = Path.Combine(Outbox, record.Key[Prefix.Length..]);
        await File.WriteAllBytesAsync(kept + ".part", JsonSerializer.SerializeToUtf8Bytes(record, Json));
        File.Move(kept + ".part", kept, overwrite: true);
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            foreach (var file in Kept())
            {
                await _store.Value.PutAsync(Prefix + Path.GetFileName(file), await File.ReadAllBytesAsync(file, patience.Token), patience.Token);
                File.Delete(file);
            }
            return null;
        }
        catch (Exception e)
        {
            return Redaction.Mask($"the history store {Describe()} did not take the record ({Why(e, patience)}): kept in {Outbox}, sent with the next run");
        }
    }

    /// <summary>Records waiting to be sent, oldest first.</summary>
    public IReadOnlyList<string> Kept() => Directory.Exists(Outbox)
        ? Directory.EnumerateFiles(Outbox, "*.json").Order(StringComparer.Ordinal).ToList() : [];

    private static HistoryRecord? Parse(string key, byte[]? bytes, List<string> skipped)
    {
        if (bytes is null) return null;
        try
        {
            var record = JsonSerializer.Deserialize<HistoryRecord>(bytes, Json);
            if (record is { Run.Length: > 0, Schema: > 0 and <= HistoryRecord.CurrentSchema }) return record;
            skipped.Add($"{key}: not a run record of a format this build reads (format {record?.Schema?.ToString() ?? "none"})");
        }
        catch (JsonException e) { skipped.Add($"{key}: damaged ({e.Message})"); }
        return null;
    }

    private string Why(Exception e, CancellationTokenSource patience) => patience.IsCancellationRequested
        ? $"no answer within {Patience.TotalSeconds:0} s"
        : $"{e.GetType().Name}: {(e.InnerException is { } inner ? inner.Message : e.Message)}";

    public void Dispose()
    {
        if (_store.IsValueCreated) _store.Value.Dispose();
    }
}
