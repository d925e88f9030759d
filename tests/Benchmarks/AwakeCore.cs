using System.Diagnostics;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// One core kept out of its idle state by a busy loop at the lowest priority, for as long as this
/// lives. The control for the fixed-rate comparison: a client that sleeps between requests (wrk, in
/// epoll_wait) pays the CPU's wake-up from idle in every latency it measures; .NET's thread pool spins
/// before it sleeps, so the engine's core is already awake. Running wrk with one core kept awake
/// shows how much of the difference is that wake-up rather than either tool's measurement.
/// </summary>
public sealed class AwakeCore : IDisposable
{
    private readonly Process _loop;

    public AwakeCore()
    {
        var info = new ProcessStartInfo("nice") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-n", "19", "bash", "-c", "while :; do :; done" }) info.ArgumentList.Add(arg);
        _loop = Process.Start(info)!;
    }

    public void Dispose()
    {
        _loop.Kill(entireProcessTree: true);
        _loop.WaitForExit();
        _loop.Dispose();
    }
}
