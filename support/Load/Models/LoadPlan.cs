namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// A validated timeline the schedulers execute. Closed plans give the target number of users at any
/// moment; open plans give the arrival rate, how many arrivals are due by a moment, and when the
/// i-th arrival is intended to start (the reference for coordinated-omission-corrected latency).
/// </summary>
public sealed record LoadPlan(string Kind, bool IsOpen, TimeSpan Duration, IReadOnlyList<PlannedStage> Stages,
    int MaxUsers, TimeSpan GracefulStop, string Description)
{
    public PlannedStage? StageAt(TimeSpan t) => Stages.FirstOrDefault(s => s.Contains(t));

    /// <summary>Users (closed) or arrivals per second (open) the plan asks for at <paramref name="t"/>.</summary>
    public double ValueAt(TimeSpan t)
    {
        var s = StageAt(t);
        if (s is null) return 0;
        var span = (s.End - s.Start).TotalSeconds;
        return span <= 0 ? s.To : s.From + (s.To - s.From) * ((t - s.Start).TotalSeconds / span);
    }

    public int UsersAt(TimeSpan t) => IsOpen ? 0 : (int)Math.Floor(ValueAt(t) + 1e-9);

    /// <summary>Arrivals due in [0, t): the integral of the rate (open plans).</summary>
    public double ArrivalsBy(TimeSpan t)
    {
        double total = 0;
        foreach (var s in Stages)
        {
            if (t <= s.Start) break;
            var length = (s.End - s.Start).TotalSeconds;
            var x = Math.Min((t - s.Start).TotalSeconds, length);
            total += length <= 0 ? 0 : s.From * x + (s.To - s.From) * x * x / (2 * length);
        }
        return total;
    }

    public long PlannedArrivals => !IsOpen ? 0 : Timing is { } whole ? Segment.ArrivalsOf(whole.PlannedArrivals) : (long)Math.Floor(ArrivalsBy(Duration) + 1e-9);

    /// <summary>The agent's part of a load spread over agents (the whole load on one machine).</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>An agent's open plan: the whole plan, whose arrival instants the agent keeps for the arrivals it owns.</summary>
    public LoadPlan? Timing { get; init; }

    /// <summary>
    /// This plan's share for one agent: a closed plan's users split at every stage boundary (the shares
    /// sum to the total at each stage of a ramp); an open plan's arrivals dealt out one by one at their
    /// instants in the whole plan (its stages show the agent's share of the rate).
    /// </summary>
    /// <summary>Between an agent's share and the whole plan in a share's description.</summary>
    public const string WholeMarker = "; whole plan: ";

    public LoadPlan Share(ExecutionSegment segment)
    {
        if (segment.IsWhole) return this;
        double Split(double value) => IsOpen ? value / segment.Count : segment.Of((long)Math.Round(value));
        var stages = Stages.Select(s => s with { From = Split(s.From), To = Split(s.To) }).ToList();
        var users = IsOpen ? Math.Max(1, segment.Of(MaxUsers)) : (int)Math.Ceiling(stages.Select(s => Math.Max(s.From, s.To)).DefaultIfEmpty(0).Max());
        var part = IsOpen ? $"{segment.ArrivalsOf(PlannedArrivals):#,0} of {PlannedArrivals:#,0} arrivals" : $"{users} of {MaxUsers} users";
        return this with { Stages = stages, MaxUsers = users, Description = $"{segment}: {part}{WholeMarker}{Description}", Segment = segment, Timing = IsOpen ? this : null };
    }

    /// <summary>The moment arrival number <paramref name="index"/> (0-based) is due: the inverse of <see cref="ArrivalsBy"/>.</summary>
    public TimeSpan TimeOfArrival(long index)
    {
        double before = 0, k = index;
        foreach (var s in Stages)
        {
            var length = (s.End - s.Start).TotalSeconds;
            if (length <= 0) continue;
            var inStage = s.From * length + (s.To - s.From) * length / 2;
            if (before + inStage > k)
            {
                var need = k - before;
                var a = (s.To - s.From) / (2 * length);
                var x = Math.Abs(a) < 1e-12 ? need / s.From : (-s.From + Math.Sqrt(s.From * s.From + 4 * a * need)) / (2 * a);
                return s.Start + TimeSpan.FromSeconds(x);
            }
            before += inStage;
        }
        return Duration;
    }
}
