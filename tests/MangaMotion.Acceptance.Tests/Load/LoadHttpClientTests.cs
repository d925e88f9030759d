using MangaMotion.Acceptance.Load.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
            app.MapGet("/login", (HttpContext c) => { c.Response.Headers.SetCookie = "session=user-1; Path=/"; return Results.Text("in"); });
            app.MapGet("/whoami", (HttpContext c) => Results.Text(c.Request.Headers.Cookie.ToString()));
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
    public async Task The_load_generating_process_keeps_socket_completions_on_the_thread_pool()
    {
        // Inline completions would deadlock the AWS SDK's synchronous read of an S3 error (see SocketCompletions).
        Assert.That(SocketCompletions.InlineRequested, Is.False, $"{SocketCompletions.Variable} is set in the test host's environment");
        Assert.That(await SocketCompletions.ObserveInlineAsync(), Is.False, "a socket completion ran on an I/O thread");
    }
}
