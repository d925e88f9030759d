namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// The guide's four tests by the ids results.json, criteria ids, logs and chart files use, named once
/// so that no room spells them out (a step name such as "upload" or "presign" is the journey's, not a test's).
/// </summary>
public static class GuideTest
{
    public const string Uploads = "uploads", Presign = "presign", Worker = "worker", Bottleneck = "bottleneck";

    /// <summary>In the guide's order.</summary>
    public static readonly IReadOnlyList<string> All = [Uploads, Presign, Worker, Bottleneck];

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [Uploads] = "Concurrent uploads", [Presign] = "Presign + S3 uploads", [Worker] = "Worker processing", [Bottleneck] = "Bottleneck detection",
    };
}
