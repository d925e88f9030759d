using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// Sub-millisecond sleeps for the open model's pacing thread, so that it neither spins a core nor
/// overshoots by a whole millisecond like Thread.Sleep. On Linux the calling thread's timer slack
/// (50 µs by default, which the kernel may add to any sleep) is set to 1 ns once, and nanosleep then
/// wakes as late as the scheduler's wake-up only; elsewhere Thread.Sleep.
/// </summary>
internal static partial class PreciseSleep
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    private static partial int NanoSleep(ref TimeSpec request, out TimeSpec remaining);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint value, nuint arg3, nuint arg4, nuint arg5);

    private const int PrSetTimerSlack = 29, PrGetTimerSlack = 30, Interrupted = 4; // EINTR

    private static readonly bool Available = OperatingSystem.IsLinux();

    /// <summary>Makes the calling thread's sleeps precise (Linux; elsewhere nothing). Call once, on the thread that sleeps.</summary>
    public static void TightenCurrentThread()
    {
        if (Available) Prctl(PrSetTimerSlack, 1, 0, 0, 0);
    }

    /// <summary>How much the kernel may add to the calling thread's sleeps, in nanoseconds (null off Linux).</summary>
    public static long? CurrentThreadSlackNanoseconds => Available ? Prctl(PrGetTimerSlack, 0, 0, 0, 0) : null;

    public static void For(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero) return;
        if (!Available)
        {
            Thread.Sleep(wait);
            return;
        }
        var ticks = wait.Ticks;
        var spec = new TimeSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        // A signal ends nanosleep early; the rest of the sleep is what it left.
        while (NanoSleep(ref spec, out var left) != 0 && Marshal.GetLastPInvokeError() == Interrupted) spec = left;
    }
}
