using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// When the truth server stops answering: for <see cref="Length"/> every <see cref="Every"/>, the first
/// stall <see cref="Offset"/> after the server's epoch (its last reset). A request that arrives or is
/// due to answer in a stall waits for its end, as behind a long garbage collection or a failover.
/// </summary>
public sealed record StallSchedule(TimeSpan Every, TimeSpan Length, TimeSpan Offset)
{
    /// <summary>The bench's stall: 1 s every 10 s, the first 4 s in, so every tool's start-up is before it.</summary>
    public static readonly StallSchedule OneSecondInTen = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));

    /// <summary>How long a request at this moment waits for the stall to end (zero outside a stall).</summary>
    public TimeSpan WaitAt(TimeSpan sinceEpoch)
    {
        var into = sinceEpoch - Offset;
        if (into < TimeSpan.Zero) return TimeSpan.Zero;
        var phase = TimeSpan.FromTicks(into.Ticks % Every.Ticks);
        return phase < Length ? Length - phase : TimeSpan.Zero;
    }

    /// <summary>
    /// What a user sending at a constant rate would see from the moment each request was meant to go:
    /// the wait for the stall it arrives in, the service time, and the wait for the stall its answer
    /// falls due in (a request just before a stall is answered after it). The schedule starts at the epoch.
    /// </summary>
    public IReadOnlyList<double> UserLatenciesMs(double ratePerSecond, TimeSpan duration, double serviceMs)
    {
        var count = (long)(ratePerSecond * duration.TotalSeconds);
        var service = TimeSpan.FromTicks((long)Math.Round(serviceMs * TimeSpan.TicksPerMillisecond));
        var latencies = new double[count];
        for (long i = 0; i < count; i++)
        {
            var intended = TimeSpan.FromTicks((long)Math.Round(i * TimeSpan.TicksPerSecond / ratePerSecond));
            var due = intended + WaitAt(intended) + service;
            latencies[i] = (due + WaitAt(due) - intended).TotalMilliseconds;
        }
        return latencies;
    }

    /// <summary>"1s/10s@4s": 1 s every 10 s from 4 s in.</summary>
    public string Spec() => string.Create(CultureInfo.InvariantCulture, $"{Length.TotalSeconds}s/{Every.TotalSeconds}s@{Offset.TotalSeconds}s");

    /// <exception cref="FormatException">names what is accepted</exception>
    public static StallSchedule Parse(string text)
    {
        const string accepted = "accepted: LENGTHs/EVERYs@OFFSETs, for example 1s/10s@4s, with LENGTH < EVERY";
        static TimeSpan Seconds(string s) => s.EndsWith('s') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? TimeSpan.FromSeconds(v) : throw new FormatException($"stall schedule: '{s}' is no time in seconds; {accepted}");
        if (text.Split('/', '@') is not [var length, var every, var offset]) throw new FormatException($"stall schedule '{text}': {accepted}");
        var schedule = new StallSchedule(Seconds(every), Seconds(length), Seconds(offset));
        return schedule.Every > schedule.Length ? schedule : throw new FormatException($"stall schedule '{text}': {accepted}");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Length.TotalSeconds:0.#} s every {Every.TotalSeconds:0.#} s");
}
