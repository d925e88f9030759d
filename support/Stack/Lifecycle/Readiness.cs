using System.Diagnostics;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

public static class Readiness
{
    /// <summary>Polls until <paramref name="ready"/> says yes, the process dies, or the deadline passes (then names the log to read).</summary>
    public static async Task WaitAsync(string what, Func<Task<bool>> ready, ManagedProcess? process, string logPath, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (process is { HasExited: true }) throw new StackStartException($"{what} exited during start-up; see {logPath}:\n{Tail(logPath)}");
            try { if (await ready()) return; }
            catch (Exception) { /* not yet */ }
            await Task.Delay(100);
        }
        throw new StackStartException($"{what} was not ready within {deadline.TotalSeconds:0} s; see {logPath}:\n{Tail(logPath)}");
    }

    public static string Tail(string path, int lines = 15) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
}

public sealed class StackStartException(string message) : Exception(message);
