namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// BENCH_ONLY=fidelity,journeys runs those sections alone: every other section's switch reads 0.
/// Each section is switched by one setting (rounds, seconds or minutes; 0 leaves it out).
/// </summary>
public static class BenchOnly
{
    private static readonly Dictionary<string, string> SectionOf = new()
    {
        ["BENCH_ROUNDS"] = "saturation", ["BENCH_FIXED_ROUNDS"] = "fixed", ["BENCH_OPEN_SECONDS"] = "open",
        ["BENCH_SOAK_MINUTES"] = "soak", ["BENCH_SAMPLER_SECONDS"] = "sampler", ["BENCH_CEILING_SECONDS"] = "ceiling",
        ["BENCH_AGENT_SECONDS"] = "agents", ["BENCH_TRANSPORT_ROUNDS"] = "transport", ["BENCH_JOURNEY_ROUNDS"] = "journeys",
        ["BENCH_FIDELITY_SECONDS"] = "fidelity", ["BENCH_STALL_SECONDS"] = "fidelity",
    };

    /// <exception cref="ArgumentException">a name that is no section, before anything runs</exception>
    public static IReadOnlySet<string>? Chosen()
    {
        if (Environment.GetEnvironmentVariable("BENCH_ONLY") is not { Length: > 0 } only) return null;
        var chosen = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var sections = SectionOf.Values.ToHashSet();
        if (chosen.Except(sections).ToList() is { Count: > 0 } unknown)
            throw new ArgumentException($"BENCH_ONLY: no section named {string.Join(", ", unknown)}; accepted: {string.Join(", ", sections.Order())}");
        return chosen;
    }

    /// <summary>A whole-number setting (negative or unreadable: the default); 0 when BENCH_ONLY leaves its section out.</summary>
    public static int Setting(string name, int fallback, IReadOnlySet<string>? chosen) =>
        chosen is not null && SectionOf.TryGetValue(name, out var section) && !chosen.Contains(section) ? 0
        : int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v >= 0 ? v : fallback;
}
