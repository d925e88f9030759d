namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// Guards against orphans when the process that started the stack dies without cleaning up (SIGKILL,
/// a crashed test host, a cancelled CI job killing the whole process group): a small child process in a
/// session of its own (so a group kill does not take it too) that is told each server's PID on its
/// standard input and, when that input closes (its parent is gone, or the stack has stopped), stops
/// every one still alive with all its descendants (Swift's and PostgreSQL's workers included).
/// </summary>
public sealed class Watchdog : IDisposable
{
    private readonly ManagedProcess _process;
    private readonly StreamWriter _input;

    private Watchdog(ManagedProcess process, StreamWriter input) { _process = process; _input = input; }

    public static Watchdog Start(string dir)
    {
        // setsid(1) runs it in a new session and process group (same pid: it is not a group leader here).
        var (file, args) = File.Exists(SetSid) ? (SetSid, new[] { StackExecutable.Host }.Concat(StackExecutable.Arguments("watchdog"))) : (StackExecutable.Host, StackExecutable.Arguments("watchdog"));
        var process = ManagedProcess.Start("watchdog", file, args, Path.Combine(dir, "watchdog.log"));
        return new Watchdog(process, process.Input);
    }

    private const string SetSid = "/usr/bin/setsid";

    public void Guard(int pid)
    {
        lock (_input) _input.WriteLine(pid);
    }

    public void Dispose()
    {
        try { lock (_input) _input.Close(); } catch (IOException) { }
        _process.Stop(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    /// <summary>The watchdog role: read PIDs until end of input, then stop every one still running.</summary>
    public static async Task RunAsync()
    {
        var pids = new List<int>();
        while (await Console.In.ReadLineAsync() is { } line)
            if (int.TryParse(line, out var pid)) pids.Add(pid);
        // The trees are taken before any signal: once a parent dies its children are re-parented out of reach.
        var trees = Trees(pids);
        foreach (var pid in pids) TrySignal(pid, Signals.Int);
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var pid in trees) TrySignal(pid, Signals.Kill);
    }

    /// <summary>The guarded processes and every descendant of theirs, from the kernel's process table.</summary>
    internal static IReadOnlyCollection<int> Trees(IEnumerable<int> roots)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        var all = new HashSet<int>();
        var pending = new Stack<int>(roots);
        while (pending.Count > 0)
            if (pending.Pop() is var p && all.Add(p))
                foreach (var child in children.GetValueOrDefault(p) ?? []) pending.Push(child);
        return all;
    }

    private static void TrySignal(int pid, int signal)
    {
        try { Signals.Send(pid, signal); } catch (InvalidOperationException) { }
    }
}

/// <summary>How to start this executable in another role (API, worker, watchdog) from wherever it is loaded.</summary>
public static class StackExecutable
{
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static IEnumerable<string> Arguments(string role) => [typeof(StackExecutable).Assembly.Location, role];
}
