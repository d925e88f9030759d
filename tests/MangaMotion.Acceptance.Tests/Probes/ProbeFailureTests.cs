using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using System.Diagnostics;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Stack;
using MangaMotion.Acceptance.Stack.Lifecycle;
using MangaMotion.Acceptance.Target;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Probes;

/// <summary>Servers that stop or hang are reported as down within the probe timeout, with the setting to check and no secret.</summary>
[NonParallelizable, Category("stack")]
public sealed class ProbeFailureTests
{
    [Test]
    public async Task Stopped_and_hung_servers_are_reported_down_within_the_timeout()
    {
        await using var stack = await EmbeddedStack.StartAsync();
        var target = TargetEndpoints.FromStackSettings(stack.Settings);
        await using var probes = new ProbeSet(target, "down", new Dictionary<string, int>(), new HashSet<string>());
        stack.Processes["redis"].Kill();
        Signals.Send(stack.Processes["swift-proxy"].Id, Signals.Stop); // hung, not gone: connections open, nothing answers
        try
        {
            var clock = Stopwatch.StartNew();
            var lines = await ReadinessCheck.RunAsync(probes.All, new HashSet<string>(), probes.Secrets, TimeSpan.FromSeconds(2));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "every component is checked within its own timeout, not waited on");
            var redis = lines.Single(l => l.Component == "redis");
            Assert.That(redis.State, Is.EqualTo(ReadinessState.Failed));
            Assert.That(redis.ToString(), Does.Contain("REDIS_HOST"));
            Assert.That(lines.Single(l => l.Component == "s3").State, Is.EqualTo(ReadinessState.Failed));
            Assert.That(lines.Single(l => l.Component == "postgres").State, Is.EqualTo(ReadinessState.Ok));
            Assert.That(string.Join("\n", lines), Does.Not.Contain(stack.Settings["POSTGRES_PASSWORD"]).And.Not.Contain(stack.Settings["S3_SECRET_KEY"]));
        }
        finally
        {
            Signals.Send(stack.Processes["swift-proxy"].Id, Signals.Cont);
        }
    }

    [Test]
    public async Task A_wrong_password_is_a_failed_sample_that_does_not_show_the_password()
    {
        await using var stack = await EmbeddedStack.StartAsync();
        var target = TargetEndpoints.FromStackSettings(stack.Settings);
        var wrong = target.Postgres with { Password = "not-the-password-123" };
        var secrets = new Secrets([wrong.Password]);
        var sample = await ProbeRunner.SampleAsync(new PostgresProbe(wrong, TimeSpan.FromSeconds(1)), 0, TimeSpan.FromSeconds(5), secrets);
        Assert.That(sample.Ok, Is.False);
        Assert.That(sample.Error, Does.Contain("password authentication failed").And.Not.Contain("not-the-password-123"));
    }

    [Test]
    public void Secrets_are_masked_wherever_they_appear()
    {
        var secrets = new Secrets(["hunter22", null, ""]);
        Assert.That(secrets.Mask("Password=hunter22;Host=x"), Is.EqualTo("Password=****;Host=x"));
    }
}
