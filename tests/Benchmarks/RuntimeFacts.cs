using System.Diagnostics;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// This process's CPU since the facts were created, and what the .NET runtime did meanwhile (the
/// kernel's share of that CPU, threads in the pool, gen0 collections per 1000 requests): the .NET
/// clients' throughput varies more from run to run than wrk's, and these say which way a slow run went.
/// </summary>
public sealed class RuntimeFacts
{
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly (TimeSpan User, TimeSpan Kernel) _cpu = Cpu();

    private static (TimeSpan User, TimeSpan Kernel) Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return (self.UserProcessorTime, self.PrivilegedProcessorTime);
    }

    private (double User, double Kernel) Since()
    {
        var (user, kernel) = Cpu();
        return ((user - _cpu.User).TotalSeconds, (kernel - _cpu.Kernel).TotalSeconds);
    }

    public double CpuSeconds
    {
        get
        {
            var (u, k) = Since();
            return u + k;
        }
    }

    /// <summary>The part of <see cref="CpuSeconds"/> spent in the kernel (system calls, the loopback's copies).</summary>
    public double KernelSeconds => Since().Kernel;

    public string Describe(long requests)
    {
        var (u, k) = Since();
        var gen0 = requests == 0 ? 0 : (GC.CollectionCount(0) - _gen0) * 1000.0 / requests;
        return $"kernel {100 * k / Math.Max(1e-9, u + k):0}% of CPU, pool threads {ThreadPool.ThreadCount}, gen0 GCs/1000 req {gen0:0.00}";
    }
}
