namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// Move linearly to <see cref="Target"/> (users or arrivals per second) over <see cref="Duration"/>;
/// a zero duration jumps. A name makes the stage addressable by thresholds and reports.
/// </summary>
public sealed record Stage(TimeSpan Duration, double Target, string? Name = null);

/// <summary>A stage placed on the run's timeline.</summary>
public sealed record PlannedStage(int Index, string Name, TimeSpan Start, TimeSpan End, double From, double To)
{
    public bool Contains(TimeSpan t) => t >= Start && t < End;
}
