using MangaMotion.Acceptance.Stack.Faults;
using Microsoft.AspNetCore.Http;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>
/// The object store's public endpoint: forwards every request to Swift unchanged (the Host header too,
/// so SigV4 signatures made for this endpoint still verify) and injects the "s3" fault on PUTs.
/// </summary>
public sealed class S3Proxy(Uri swift)
{
    // Expect is answered here by Kestrel; forwarded, it would make HttpClient wait a second for a
    // "100 Continue" that Swift's server does not send.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect" };

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, AllowAutoRedirect = false, UseCookies = false })
        { Timeout = TimeSpan.FromSeconds(60) };

    public async Task ForwardAsync(HttpContext context, FaultSettings faults)
    {
        if (HttpMethods.IsPut(context.Request.Method) && await FaultSettings.ApplyAsync(faults.For("s3"), context.RequestAborted) is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("<Error><Code>InternalError</Code><Message>injected fault</Message></Error>");
            return;
        }
        var target = new Uri(swift, context.Request.Path + context.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        request.Headers.Host = context.Request.Host.Value;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
