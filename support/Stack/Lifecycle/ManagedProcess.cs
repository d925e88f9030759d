using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// A server process the stack started: output to a log file, stopped with a signal and then, if it
/// does not go, killed with all its children. Every instance is remembered so that an exiting
/// process (normal end, Ctrl+C, SIGTERM, unhandled error) leaves nothing behind.
/// </summary>
public sealed class ManagedProcess : IDisposable
{
    private static readonly List<ManagedProcess> Live = [];
    private readonly Process _process;
    private readonly StreamWriter _log;

    static ManagedProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
    }

    private ManagedProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The child's standard input (API and worker stop when it closes; the watchdog reads PIDs from it).</summary>
    public StreamWriter Input => _process.StandardInput;

    public static ManagedProcess Start(string name, string file, IEnumerable<string> args, string logPath,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: could not start {file}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var managed = new ManagedProcess(name, process, log);
        lock (Live) Live.Add(managed);
        return managed;
    }

    /// <summary>Asks the process to stop (SIGTERM, or SIGINT where a server prefers it), then kills what is left.</summary>
    public void Stop(TimeSpan grace, int signal = Signals.Term)
    {
        try
        {
            if (!_process.HasExited)
            {
                Signals.Send(_process.Id, signal);
                if (!_process.WaitForExit(grace)) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        lock (Live) Live.Remove(this);
    }

    /// <summary>Kills at once (a crash, for fault tests).</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(5));
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    public static void StopAll()
    {
        ManagedProcess[] live;
        lock (Live) live = Live.ToArray();
        foreach (var p in live.Reverse()) p.Stop(TimeSpan.FromSeconds(3));
    }
}

/// <summary>POSIX signals by number (Linux).</summary>
public static partial class Signals
{
    public const int Int = 2, Kill = 9, Term = 15, Stop = 19, Cont = 18;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: gone */)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
