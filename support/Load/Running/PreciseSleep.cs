using System.Runtime.InteropServices;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// Sleeps with sub-millisecond precision on Linux (nanosleep wakes within ~60 µs) so the open model's
/// pacing thread neither spins a core nor overshoots by a whole millisecond like Thread.Sleep.
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
    private static partial int NanoSleep(ref TimeSpec request, IntPtr remaining);

    private static readonly bool Available = OperatingSystem.IsLinux();

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
        NanoSleep(ref spec, IntPtr.Zero);
    }
}
