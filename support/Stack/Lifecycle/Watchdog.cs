namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// Guards against orphans when the process that started the stack dies without cleaning up (SIGKILL,
/// a crashed test host): a small child process that is told each server's PID on its standard input
/// and, when that input closes (its parent is gone, or the stack has stopped), kills any still alive.
/// </summary>
public sealed class Watchdog : IDisposable
{
    private readonly ManagedProcess _process;
    private readonly StreamWriter _input;

    private Watchdog(ManagedProcess process, StreamWriter input) { _process = process; _input = input; }

    public static Watchdog Start(string dir)
    {
        var process = ManagedProcess.Start("watchdog", StackExecutable.Host, [.. StackExecutable.Arguments("watchdog")], Path.Combine(dir, "watchdog.log"));
        return new Watchdog(process, process.Input);
    }

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
        foreach (var pid in pids) TrySignal(pid, Signals.Int);
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var pid in pids) TrySignal(pid, Signals.Kill);
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
