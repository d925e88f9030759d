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

    /// <summary>What `timeout -s KILL`, a cancelled CI job or the OOM killer does to `./acceptance stack`: its whole process group killed at once.</summary>
    [Test]
    public async Task A_sigkill_of_the_stacks_whole_process_group_leaves_no_process_of_it_running_15_s_later()
    {
        var dll = Path.Combine(ChildProcess.RepositoryRoot(), "artifacts/bin/MangaMotion.Acceptance.Stack/debug/MangaMotion.Stack.dll");
        // setsid: the stack leads a process group of its own, as under a shell's job control or a CI runner.
        var info = new ProcessStartInfo("/usr/bin/setsid", ["dotnet", dll, "stack"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using var stack = Process.Start(info)!;
        var pids = new List<int>();
        try
        {
            string? line;
            using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                do line = await stack.StandardOutput.ReadLineAsync(deadline.Token); while (line is not null and not "READY");
            Assert.That(line, Is.EqualTo("READY"), "the stack never said READY (its log: stderr of the child)");
            pids = ProcessTree.Descendants(stack.Id).Append(stack.Id).ToList();
            Assert.That(pids.Select(ProcessTree.CommandLine), Has.Some.Contains("swift-proxy-server").And.Some.Contains("prometheus").And.Some.Contains("watchdog"));
        }
        finally
        {
            // Also when an assertion above failed: the group kill is what the test is about, and it leaves nothing behind.
            Process.Start("kill", ["-s", "KILL", "--", $"-{stack.Id}"])!.WaitForExit();
        }
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (pids.Any(ProcessTree.IsAlive) && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.That(pids.Where(ProcessTree.IsAlive).Select(p => $"{p} {ProcessTree.CommandLine(p)}"), Is.Empty);
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
