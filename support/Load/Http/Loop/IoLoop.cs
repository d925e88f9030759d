using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// A thread of its own waiting in epoll for the load's sockets, one loop per core, as wrk runs them.
/// When a socket becomes readable or writable the loop resumes the waiting read or write right there:
/// HttpClient parses the response and the journey records its timing on this thread, with no hand-off
/// to the thread pool. .NET's own socket engine hands every completion over, and on a 2-core VM that
/// hand-off (a queue and often a thread's wake-up per response) was most of the engine's extra CPU per
/// request against wrk at saturation (BENCHMARKS.md: 1.43-1.92x wrk's before, 1.34x after).
/// Only sockets the load client opens are here; every other socket in the process (probes, the S3 SDK,
/// the embedded stack) stays on .NET's engine, so a library that blocks inside its own I/O cannot
/// stall the load, and a journey that blocks stalls only this loop. The loops live as long as the
/// process, like .NET's engine threads. A round of resumptions that keeps its loop from epoll for
/// <see cref="HoldLimit"/> or more is counted (<see cref="Holds"/>): meanwhile no other response on
/// that loop is seen, so the latencies measured then are inflated, and the run says so.
/// </summary>
internal sealed unsafe class IoLoop
{
    private const int MaxEvents = 256;
    private static readonly Lazy<IoLoop[]> All = new(() => Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i => new IoLoop(i)).ToArray());
    private static int _next = -1;

    [ThreadStatic] private static IoLoop? _current;

    public static readonly TimeSpan HoldLimit = TimeSpan.FromMilliseconds(200); // far above a GC pause or a busy core's wait
    private static long _holds, _longestHoldTicks;

    /// <summary>How many rounds of resumptions, in this process so far, held a loop for <see cref="HoldLimit"/> or more, and the longest.</summary>
    public static (long Count, TimeSpan Longest) Holds => (Interlocked.Read(ref _holds), TimeSpan.FromTicks(Interlocked.Read(ref _longestHoldTicks)));

    private readonly int _epoll;
    private readonly LoopSlots<LoopStream> _streams = new();

    /// <summary>The loop the next connection goes to: round robin, so connections spread over the cores.</summary>
    public static IoLoop Next() => All.Value[(int)((uint)Interlocked.Increment(ref _next) % (uint)All.Value.Length)];

    /// <summary>Whether the calling thread is a loop's (where blocking on load I/O would wait for itself).</summary>
    public static bool OnLoopThread => _current is not null;

    private IoLoop(int index)
    {
        _epoll = LinuxSockets.EpollCreate(0x80000); // EPOLL_CLOEXEC
        if (_epoll < 0) throw LinuxSockets.Exception(Marshal.GetLastPInvokeError());
        new Thread(Run) { IsBackground = true, Name = $"load I/O {index}" }.UnsafeStart();
    }

    /// <summary>Watches <paramref name="stream"/>'s socket under a new <see cref="LoopStream.Key"/>, which <see cref="Remove"/> takes.</summary>
    public void Add(LoopStream stream, nint fd)
    {
        var key = stream.Key = _streams.Add(stream);
        var error = LinuxSockets.Add(_epoll, fd, key);
        if (error != 0)
        {
            Remove(key, fd);
            throw LinuxSockets.Exception(error);
        }
    }

    public void Remove(ulong key, nint fd)
    {
        LinuxSockets.Remove(_epoll, fd);
        _streams.Remove(key);
    }

    private static void CountHold(TimeSpan held)
    {
        Interlocked.Increment(ref _holds);
        for (var longest = Interlocked.Read(ref _longestHoldTicks); held.Ticks > longest;)
        {
            var seen = Interlocked.CompareExchange(ref _longestHoldTicks, held.Ticks, longest);
            if (seen == longest) break;
            longest = seen;
        }
    }

    private void Run()
    {
        _current = this;
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxSockets.EventSize));
        while (true)
        {
            var count = LinuxSockets.EpollWait(_epoll, events, MaxEvents, -1);
            if (count < 0) continue; // EINTR: a signal woke the wait
            // Timed per round, not per event: two clock reads per wait instead of per response.
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var (flags, key) = LinuxSockets.ReadEvent(events, i);
                if (_streams.Find(key) is not { } stream) continue; // a late event of a connection since closed
                try { stream.OnEvents(flags); }
                catch (Exception e) { stream.Fault(e); } // a journey's exception must not end the loop
            }
            var held = Stopwatch.GetElapsedTime(started);
            if (held >= HoldLimit) CountHold(held);
        }
    }
}
