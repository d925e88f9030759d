using System.Diagnostics;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

public static class Readiness
{
    /// <summary>
    /// How long a server of the stack may take to become ready. Generous on purpose: on a shared machine
    /// busy with other work, Python's Swift servers take minutes to start; the deadline only bounds a start
    /// that will never succeed, and a server that dies is reported at once whatever the deadline.
    /// </summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    /// <summary>Polls until <paramref name="ready"/> says yes, the process dies, or the deadline passes (then names the log to read).</summary>
    public static Task WaitAsync(string what, Func<Task<bool>> ready, ManagedProcess? process, string logPath, TimeSpan deadline) =>
        WaitAsync(what, ready, process is null ? [] : [process], logPath, deadline);

    /// <summary>
    /// As above, for a service made of several processes: any of them dying fails the start at once,
    /// named. A timeout says why the last attempt failed, since some servers (Swift) log nowhere readable.
    /// </summary>
    public static async Task WaitAsync(string what, Func<Task<bool>> ready, IReadOnlyList<ManagedProcess> processes, string logPath, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var lastFailure = "not ready";
        for (var left = deadline; left > TimeSpan.Zero; left = deadline - clock.Elapsed)
        {
            if (processes.FirstOrDefault(p => p.HasExited) is { } dead)
                throw new StackStartException($"{what}: {dead.Name} exited during start-up; see {logPath}:\n{Tail(logPath)}");
            Task<bool>? attempt = null;
            try
            {
                // An attempt that hangs (a server that accepts and never answers) must not outlive the deadline.
                attempt = ready();
                if (await attempt.WaitAsync(left)) return;
            }
            // Still running means the wait timed out; a finished attempt's own TimeoutException is its failure.
            catch (TimeoutException) when (attempt is { IsCompleted: false }) { lastFailure = "no answer"; break; }
            catch (Exception e) { lastFailure = $"{e.GetType().Name}: {e.Message}"; }
            await Task.Delay(100);
        }
        throw new StackStartException($"{what} was not ready within {deadline.TotalSeconds:0} s (last attempt: {lastFailure}); see {logPath}:\n{Tail(logPath)}");
    }

    public static string Tail(string path, int lines = 15) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
}

public sealed class StackStartException(string message) : Exception(message);
