using System.Diagnostics;
using MangaMotion.Acceptance.Stack;
using MangaMotion.Acceptance.Stack.Lifecycle;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

[NonParallelizable, Category("stack")]
public sealed class StackLifecycleTests
{
    private static bool Alive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    [Test]
    public async Task Stopping_the_stack_leaves_no_process_and_no_directory_behind()
    {
        var stack = await EmbeddedStack.StartAsync();
        var pids = stack.Processes.Values.Select(p => p.Id).ToList();
        Assert.That(pids, Has.Count.GreaterThanOrEqualTo(9), string.Join(", ", stack.Processes.Keys));
        Assert.That(pids.All(Alive), Is.True);
        await stack.DisposeAsync();
        Assert.That(pids.Where(Alive), Is.Empty);
        Assert.That(Directory.Exists(stack.Directory), Is.False);
    }

    [Test]
    public void A_readiness_attempt_that_never_answers_fails_the_start_at_its_deadline()
    {
        var hangs = new TaskCompletionSource<bool>();
        var e = Assert.ThrowsAsync<StackStartException>(() => Readiness.WaitAsync("a server", () => hangs.Task, [], "/nonexistent/log", TimeSpan.FromMilliseconds(300)))!;
        Assert.That(e.Message, Does.Contain("a server was not ready within").And.Contain("no answer"));
    }

    [Test]
    public void A_missing_package_is_named_with_the_command_that_installs_it()
    {
        var e = Assert.Throws<StackStartException>(() => Packages.Check([("/nonexistent/redis-server", "redis-server"), ("/bin/sh", "dash")]))!;
        Assert.That(e.Message, Does.Contain("redis-server").And.Contain("apt-get install").And.Not.Contain("dash"));
    }
}
