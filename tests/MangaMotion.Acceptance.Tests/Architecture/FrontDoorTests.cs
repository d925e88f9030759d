using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Architecture;

/// <summary>
/// The front door (./acceptance) on a shared machine: no run overwrites another's reports, REPORTS_DIR is
/// honoured as documented, a follower agent is sent to the verb it needs, and two calls at once both
/// succeed while one of them installs a Debian package and another package manager holds the lock.
/// </summary>
[NonParallelizable]
public sealed class FrontDoorTests
{
    private static readonly string Root = ChildProcess.RepositoryRoot();
    private string _scratch = "";

    [SetUp]
    public void Scratch() => _scratch = Directory.CreateTempSubdirectory("front-door-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(_scratch, recursive: true);

    private static Task<ChildResult> Bash(string script, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? deadline = null) =>
        ChildProcess.RunAsync("bash", ["-c", script], Root, environment ?? new Dictionary<string, string?>(), deadline ?? TimeSpan.FromMinutes(5));

    [Test]
    public async Task Run_writes_where_REPORTS_DIR_says()
    {
        var given = Path.Combine(_scratch, "given");
        var run = await Bash("./acceptance run -- --no-build --filter Category=settings", new Dictionary<string, string?> { ["REPORTS_DIR"] = given });
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(File.Exists(Path.Combine(given, "results.trx")) && File.Exists(Path.Combine(given, "living-doc.html")), Is.True, run.Output);
        Assert.That(run.Output, Does.Contain($"reports: {given}"));
    }

    [Test]
    public async Task Run_refuses_a_REPORTS_DIR_that_already_holds_a_run_before_anything_else()
    {
        var used = Directory.CreateDirectory(Path.Combine(_scratch, "used")).FullName;
        File.WriteAllText(Path.Combine(used, "results.json"), "{\"verdict\":\"PASS\"}");
        var run = await Bash("./acceptance run", new Dictionary<string, string?> { ["REPORTS_DIR"] = used });
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain($"REPORTS_DIR={used} already holds a run's results.json"));
        Assert.That(File.ReadAllText(Path.Combine(used, "results.json")), Is.EqualTo("{\"verdict\":\"PASS\"}"));
    }

    [Test]
    public async Task Run_as_a_follower_agent_is_refused_naming_the_agent_verb()
    {
        var run = await Bash("./acceptance run", new Dictionary<string, string?> { ["AGENTS"] = "3", ["AGENT_INDEX"] = "1", ["REPORTS_DIR"] = Path.Combine(_scratch, "follower") });
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain("AGENT_INDEX=1 of AGENTS=3").And.Contain("./acceptance agent"));
        Assert.That(Directory.Exists(Path.Combine(_scratch, "follower")), Is.False, "nothing was started");
    }

    [Test]
    public async Task Three_runs_started_in_the_same_second_claim_three_folders()
    {
        // A clock that always says the same second, so the three claims really collide.
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "date"), "#!/bin/sh\necho 20261204_194051\n");
        Assert.That((await Bash($"chmod +x {bin}/date")).ExitCode, Is.EqualTo(0));
        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Bash(
            $"source ./acceptance; PATH={bin}:$PATH; ROOT={_scratch}; claim_run_folder; echo \"claimed $RUN_DIR\"")));
        Assert.That(claims.Select(c => c.ExitCode), Is.All.EqualTo(0), string.Join("\n", claims.Select(c => c.Output)));
        var folders = claims.Select(c => c.Output.Split('\n').Single(l => l.StartsWith("claimed ", StringComparison.Ordinal))["claimed ".Length..]).ToList();
        Assert.That(folders.Select(Path.GetFileName), Is.EquivalentTo(new[] { "20261204_194051", "20261204_194051_2", "20261204_194051_3" }));
    }

    /// <summary>GNU hello: a tiny Debian package the suite does not use, installed here and removed again.</summary>
    private const string Package = "hello";

    private static async Task<bool> InstalledAsync() =>
        (await Bash($"dpkg-query -W -f='${{Status}}' {Package} 2>/dev/null | grep -q 'install ok installed'")).ExitCode == 0;

    [Test]
    public async Task Two_calls_at_once_both_succeed_while_one_installs_a_package_and_the_package_lock_is_held()
    {
        Assume.That(Environment.UserName, Is.EqualTo("root"), "installing a Debian package needs root, as ./acceptance does on CI");
        Assume.That(await InstalledAsync(), Is.False, $"{Package} is installed already, by someone else: it is not this test's to remove");
        // Another package manager at work: apt's lists lock and dpkg's front-end lock held for a while, as apt holds them.
        var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", "import fcntl,os,sys,time\nfor p in ['/var/lib/apt/lists/lock','/var/lib/dpkg/lock-frontend']:\n    fd=os.open(p,os.O_RDWR|os.O_CREAT); fcntl.lockf(fd,fcntl.LOCK_EX)\nprint('held',flush=True); time.sleep(8)" },
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.That(await holder.StandardOutput.ReadLineAsync(), Is.EqualTo("held"));
            var calls = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Bash($"source ./acceptance; ensure_apt {Package}")));
            Assert.That(calls.Select(c => c.ExitCode), Is.All.EqualTo(0), string.Join("\n---\n", calls.Select(c => c.Output)));
            Assert.That(calls.Any(c => c.Output.Contains("another package manager holds the lock; waiting up to 600s")), Is.True, "the wait is said");
            Assert.That(await InstalledAsync(), Is.True);
        }
        finally
        {
            if (!holder.HasExited) holder.Kill();
            await holder.WaitForExitAsync();
            if (await InstalledAsync()) await Bash($"source ./acceptance; apt_waiting env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq {Package}");
        }
    }
}
