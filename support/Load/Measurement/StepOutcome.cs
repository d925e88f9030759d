using System.Net;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// What one step of a journey produced: success or the error class, the HTTP status if any, bytes
/// moved, and a short example text kept for reports (a few per class, never per request).
/// </summary>
public sealed record StepOutcome(bool Ok, int? Status, string? ErrorClass, long BytesSent, long BytesReceived, string? Example = null)
{
    public static StepOutcome Success(int? status = null, long sent = 0, long received = 0) => new(true, status, null, sent, received);

    /// <summary>2xx is success; anything else is an error classed by its code (http_429, http_503, ...).</summary>
    public static StepOutcome FromStatus(HttpStatusCode status, long sent = 0, long received = 0, string? body = null)
    {
        var code = (int)status;
        return code is >= 200 and < 300
            ? Success(code, sent, received)
            : new StepOutcome(false, code, ErrorClasses.ForStatus(code), sent, received, Shorten(body));
    }

    /// <summary>The response arrived but did not say what it should (no job id, wrong state): the journey's own check failed.</summary>
    public static StepOutcome CheckFailed(string why, int? status = null, long sent = 0, long received = 0) =>
        new(false, status, ErrorClasses.CheckFailed, sent, received, Shorten(why));

    public static StepOutcome Failed(string errorClass, string? example = null, int? status = null) =>
        new(false, status, errorClass, 0, 0, Shorten(example));

    internal static string? Shorten(string? text) => text is null ? null : text.Length <= 300 ? text : text[..300] + "…";
}
