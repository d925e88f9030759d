using HttpResults = Microsoft.AspNetCore.Http.Results;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Http.Loop;
using MangaMotion.Acceptance.Load.Measurement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The client virtual users share behaves as a load generator's should, not as a browser's.</summary>
public sealed class LoadHttpClientTests
{
    [Test]
    public async Task Virtual_users_share_no_cookie_jar()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/login", (HttpContext c) => { c.Response.Headers.SetCookie = "session=user-1; Path=/"; return HttpResults.Text("in"); });
            app.MapGet("/whoami", (HttpContext c) => HttpResults.Text(c.Request.Headers.Cookie.ToString()));
        });
        using var http = LoadHttpClient.Create(server.BaseUrl);
        await http.GetStringAsync("login");
        Assert.That(await http.GetStringAsync("whoami"), Is.Empty, "a cookie set for one user must not be sent for the next");
    }

    [Test]
    public void Requests_are_timed_out_by_the_engines_step_deadline_alone()
    {
        using var http = LoadHttpClient.Create();
        Assert.That(http.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [TestCase("System.Net.Http.EnableActivityPropagation")]
    [TestCase("System.Diagnostics.Metrics.Meter.IsSupported")]
    public void The_load_generating_process_runs_without_per_request_diagnostics_handlers(string runtimeSwitch)
    {
        // Set by support/Load/LoadGenerator.props in this host's runtimeconfig.json, as in the specification's.
        Assert.That(AppContext.TryGetSwitch(runtimeSwitch, out var enabled), Is.True, $"{runtimeSwitch} is not in the runtimeconfig.json");
        Assert.That(enabled, Is.False);
    }

    [Test]
    public async Task Load_requests_are_resumed_on_the_engines_IO_loops()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = LoadHttpClient.Create(server.BaseUrl);
        Assert.That(LoopConnector.Supported, Is.True, "this machine runs Linux on x64 or arm64");
        Assert.That(await AnsweredOnLoopAsync(http), Is.True, "the response was handed to the thread pool");
    }

    [Test]
    public async Task With_LOAD_TRANSPORT_sockets_load_goes_through_dotnets_socket_engine_and_still_works()
    {
        await using var server = await LoopbackServer.StartAsync();
        Assert.That(LoadHttpClient.Handler(LoadTransport.Sockets).ConnectCallback, Is.Null);
        Assert.That(LoadHttpClient.Handler(LoadTransport.Loop).ConnectCallback, Is.Not.Null);
        using var http = LoadHttpClient.Create(server.BaseUrl, LoadTransport.Sockets);
        Assert.That(await AnsweredOnLoopAsync(http), Is.False, "answered on the thread pool, not on a loop");
    }

    [Test]
    public void The_transports_names_are_the_settings_choices_and_another_name_is_refused_naming_them()
    {
        Assert.That(LoadTransports.Names, Is.EqualTo(MangaMotion.Acceptance.Settings.SettingsCatalog.LoadTransport.Choices));
        Assert.That(LoadTransports.Parse("sockets"), Is.EqualTo(LoadTransport.Sockets));
        Assert.That(Assert.Throws<ArgumentException>(() => LoadTransports.Parse("io_uring"))!.Message, Does.Contain("accepted: loop, sockets"));
        Assert.Throws<ArgumentException>(() => LoadTransports.Parse("1"));
    }

    private static async Task<bool> AnsweredOnLoopAsync(HttpClient http)
    {
        using var response = await http.GetAsync("slow").ConfigureAwait(false);
        return IoLoop.OnLoopThread;
    }

    [Test]
    public async Task Hundreds_of_connections_at_once_each_get_their_own_answer()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/echo", async (HttpContext c) =>
            {
                await Task.Delay(200); // every request holds its connection, so each needs one of its own
                using var body = new MemoryStream();
                await c.Request.Body.CopyToAsync(body);
                return HttpResults.Bytes(body.ToArray());
            }));
        using var http = LoadHttpClient.Create(server.BaseUrl);
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var sent = Enumerable.Repeat((byte)i, 64 * 1024 + i).ToArray();
            using var response = await http.PostAsync("echo", new ByteArrayContent(sent));
            return (await response.Content.ReadAsByteArrayAsync()).SequenceEqual(sent);
        })).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(answers, Is.All.True);
        Assert.That(server.Received, Is.EqualTo(300));
    }

    [Test]
    public async Task An_https_target_is_spoken_to_through_the_loops_and_an_untrusted_certificate_is_a_tls_error()
    {
        // The handshake crosses the loop's stream both ways (HttpClient's own SslStream sits on top of it);
        // this machine does not trust the throwaway certificate, so the client must refuse it, as tls.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        await using var app = builder.Build();
        var handshakes = 0;
        app.Use(async (context, next) => { Interlocked.Increment(ref handshakes); await next(context); });
        app.MapGet("/ok", () => "ok");
        await app.StartAsync();
        using var http = LoadHttpClient.Create(new Uri(app.Urls.First().Replace("http:", "https:", StringComparison.Ordinal)));
        var e = Assert.ThrowsAsync<HttpRequestException>(async () => await http.GetAsync("ok"));
        Assert.That(ErrorClasses.ForException(e!, timedOut: false), Is.EqualTo(ErrorClasses.Tls), e!.ToString());
        Assert.That(handshakes, Is.Zero, "no request may pass an untrusted certificate");
        await app.StopAsync();
    }

    [Test]
    public async Task The_load_generating_process_keeps_socket_completions_on_the_thread_pool()
    {
        // Process-wide inline completions would deadlock the AWS SDK's synchronous read of an S3 error
        // (see SocketCompletions); only the load client's own sockets run inline, on the engine's loops.
        Assert.That(SocketCompletions.InlineRequested, Is.False, $"{SocketCompletions.Variable} is set in the test host's environment");
        Assert.That(await SocketCompletions.ObserveInlineAsync(), Is.False, "a socket completion ran on an I/O thread");
    }
}
