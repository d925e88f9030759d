using Amazon.S3;
using Amazon.S3.Model;
using MangaMotion.Acceptance.Stack.Faults;
using Microsoft.AspNetCore.Http;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>POST /api/presign: validates the file as the contract says and signs a PUT URL for the object store.</summary>
public static class PresignEndpoint
{
    public sealed record Request(string? Filename, string? ContentType, long? FileSizeBytes);

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jpg"] = ["image/jpeg"], ["jpeg"] = ["image/jpeg"], ["png"] = ["image/png"], ["gif"] = ["image/gif"], ["bmp"] = ["image/bmp"],
        ["webp"] = ["image/webp"], ["mp4"] = ["video/mp4"], ["avi"] = ["video/x-msvideo", "video/avi"], ["mov"] = ["video/quicktime"],
        ["mkv"] = ["video/x-matroska"],
    };

    public static async Task<IResult> PresignAsync(Request? body, HttpContext http, ApiServices api)
    {
        if (await FaultSettings.ApplyAsync(api.Faults.Current.For("presign"), http.RequestAborted) is { } injected)
            return Results.Json(new { error = "presign failed" }, statusCode: injected);
        if (Validate(body, api.Options.MaxFileSizeMb) is { } problem) return Results.Json(new { error = problem }, statusCode: 400);
        var key = $"{Guid.NewGuid()}_{Path.GetFileName(body!.Filename)}";
        try
        {
            var url = await api.Presigner.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = api.Options.Bucket, Key = key, Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddSeconds(600),
                ContentType = body.ContentType, Protocol = Protocol.HTTP,
            });
            api.Count("presign_requests_total");
            return Results.Json(new { key, url, expiresIn = 600 });
        }
        catch (Exception e)
        {
            return Results.Json(new { error = $"storage error: {e.Message}" }, statusCode: 500);
        }
    }

    internal static string? Validate(Request? body, int maxFileSizeMb)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Filename) || string.IsNullOrWhiteSpace(body.ContentType) || body.FileSizeBytes is null)
            return "filename, contentType and fileSizeBytes are required";
        var extension = Path.GetExtension(body.Filename).TrimStart('.');
        if (!Allowed.TryGetValue(extension, out var types)) return $"File extension '{extension}' is not allowed";
        if (!types.Contains(body.ContentType, StringComparer.OrdinalIgnoreCase)) return $"Content type '{body.ContentType}' is not allowed for .{extension}";
        if (body.FileSizeBytes <= 0 || body.FileSizeBytes > maxFileSizeMb * 1024L * 1024) return $"File size must be between 1 byte and {maxFileSizeMb} MB";
        return null;
    }
}
