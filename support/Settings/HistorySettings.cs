namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Where the run history lives and what a run is recorded with.
/// </summary>
/// <param name="Uri">HISTORY_URI: s3://bucket/prefix, postgresql://…, or an absolute folder; null: reports/history beside the runs</param>
/// <param name="Window">BASELINE_WINDOW: overrides the number of earlier runs a scenario states, or null</param>
/// <param name="TargetVersion">TARGET_VERSION, or null (then the API's health answer may name it)</param>
public sealed record HistorySettings(string? Uri, int? Window, string? TargetVersion)
{
    public static HistorySettings Local { get; } = new(null, null, null);

    public const string Accepted = "s3://bucket/prefix (any S3 endpoint: S3_ENDPOINT and its keys), postgresql://user:password@host:port/database[?table=name], or an absolute folder path (file:///path also)";

    public static bool IsHistoryUri(string text) =>
        text.StartsWith("postgresql://", StringComparison.Ordinal) || text.StartsWith("postgres://", StringComparison.Ordinal)
            ? System.Uri.TryCreate(text, UriKind.Absolute, out var u) && u.Host.Length > 0
            : AgentSettings.IsResultsUri(text);

    /// <summary>The URI as reports show it: the password in its user part masked.</summary>
    public string? Shown => Uri is null ? null : Redaction.Mask(Uri);
}
