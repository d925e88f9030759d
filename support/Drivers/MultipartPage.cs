using System.Net.Http.Headers;
using System.Text;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// The upload's multipart/form-data body (one part "pages", page.jpg, image/jpeg), encoded once: every
/// upload sends the same bytes, so framing them again per request (MultipartFormDataContent) would only
/// spend the load generator's CPU. The wire format is exactly what MultipartFormDataContent writes.
/// </summary>
public sealed class MultipartPage
{
    private const string Boundary = "mangamotion-acceptance-page";
    private readonly byte[] _body;

    private MultipartPage(byte[] body) => _body = body;

    public int Length => _body.Length;

    public static MultipartPage Of(byte[] page)
    {
        var head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Disposition: form-data; name=pages; filename=page.jpg; filename*=utf-8''page.jpg\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        return new MultipartPage([.. head, .. page, .. tail]);
    }

    /// <summary>A fresh content over the shared bytes (a request owns and disposes its content).</summary>
    public HttpContent Content()
    {
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new NameValueHeaderValue("boundary", Boundary) } };
        return content;
    }
}
