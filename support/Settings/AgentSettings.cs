using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Where this process stands when several load agents apply one run (a Kubernetes Indexed Job): how
/// many agents, which one this is, the run they share, where they leave their partial results and
/// how long one waits for the others. One agent (the default) is a single machine's run.
/// </summary>
/// <param name="MergeOnly">applies no load: waits for the agents' partial results of RunId, merges and judges them</param>
public sealed record AgentSettings(int Count, int Index, string? RunId, string? ResultsUri, TimeSpan Deadline, bool MergeOnly)
{
    public static readonly AgentSettings Single = new(1, 0, null, null, TimeSpan.FromMinutes(10), false);

    public bool Distributed => Count > 1 || MergeOnly;

    /// <summary>Agent 0 checks the deployment, samples its probes, judges and cleans up; the others only apply their share.</summary>
    public bool Leads => Index == 0;

    public const string RunIdAccepted = "1 to 64 letters, digits, '.', '_' or '-' (one value shared by every agent of the run)";
    public const string ResultsAccepted = "s3://bucket/prefix (any S3 endpoint: S3_ENDPOINT and its keys) or an absolute folder path (file:///path also)";

    public static bool IsRunId(string text) => Regex.IsMatch(text, "^[A-Za-z0-9._-]{1,64}$");

    public static bool IsResultsUri(string text) =>
        text.StartsWith("s3://", StringComparison.Ordinal) ? text.Length > 5 && text[5] != '/'
        : text.StartsWith("file:///", StringComparison.Ordinal) || Path.IsPathFullyQualified(text);

    public string Describe() => MergeOnly ? $"merging run {RunId} from {ResultsUri}" : Count == 1 ? "one agent" : $"agent {Index} of {Count} in run {RunId}, results under {ResultsUri}";
}
