namespace MangaMotion.Acceptance.Load.Models;

/// <summary>
/// One agent's exact part of a load spread over <see cref="Count"/> agents, in the manner of k6's
/// execution segments: agent i owns the whole numbers in [total·i/N, total·(i+1)/N), so the shares of
/// any number sum to it (7 users on 3 agents: 2, 2, 3), and of an open model's arrivals it owns every
/// N-th one, at the instant the whole plan gives it, so the agents' arrivals interleave into the total.
/// </summary>
public sealed record ExecutionSegment(int Index, int Count)
{
    public static readonly ExecutionSegment Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <exception cref="ArgumentOutOfRangeException">when the index is not one of the agents</exception>
    public ExecutionSegment Validated() => Count >= 1 && Index >= 0 && Index < Count ? this
        : throw new ArgumentOutOfRangeException(nameof(Index), $"agent {Index} is not one of {Count} agents (0..{Count - 1})");

    /// <summary>This agent's share of a whole number (users, connections): the shares of all agents sum to it.</summary>
    public long Of(long total) => total * (Index + 1) / Count - total * Index / Count;

    public int Of(int total) => (int)Of((long)total);

    /// <summary>Whether the arrival numbered <paramref name="arrival"/> (0-based, of the whole plan) is this agent's.</summary>
    public bool Owns(long arrival) => arrival % Count == Index;

    /// <summary>How many of the first <paramref name="arrivals"/> arrivals are this agent's.</summary>
    public long ArrivalsOf(long arrivals) => arrivals <= Index ? 0 : (arrivals - Index + Count - 1) / Count;

    public override string ToString() => IsWhole ? "the whole load" : $"agent {Index} of {Count}";
}
