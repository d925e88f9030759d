namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// The steps of MangaMotion's journeys, by the names the engine records them under and results.json,
/// criteria and charts read them by: declared once, so a rename reaches every reader.
/// </summary>
public static class JourneySteps
{
    /// <summary>POST /api/upload with one page.</summary>
    public const string Upload = "upload";

    /// <summary>POST /api/presign, then the PUT of the page to the URL it gave.</summary>
    public const string Presign = "presign", S3Put = "s3_put";

    /// <summary>One poll of GET /api/status/{jobId}, and a whole job from its upload to its end as the polls saw it.</summary>
    public const string Status = "status", Job = "job";

    public static readonly IReadOnlyList<string> All = [Upload, Presign, S3Put, Status, Job];
}
