using MangaMotion.Acceptance.Benchmarks.Journeys;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// The fidelity section as the bench runs it: its own truth server process, each tool's capacity (the
/// journey section's, printed; and against the truth server, which sets the levels), the fidelity
/// table, the stall test and the closing line.
/// </summary>
public static class FidelityRun
{
    /// <returns>the closing line, or null when the section is switched off</returns>
    public static async Task<string?> RunAsync(JourneySection journeys, TimeSpan fidelity, TimeSpan stall, double stallRate, Action<string> say)
    {
        if (fidelity <= TimeSpan.Zero && stall <= TimeSpan.Zero) return null;
        var chosen = JourneySection.ChosenTools(); // BENCH_JOURNEY_TOOLS narrows this section too
        var tools = RateTools.All.Where(t => (t != "artillery" || ArtilleryTool.Executable is not null) && (chosen is null || chosen.Contains(t))).ToArray();
        if (ArtilleryTool.Executable is null) say("artillery is not installed (MM_ARTILLERY): ./acceptance bench installs it; its fidelity figures are left out");
        using var server = EndpointServer.Start(truth: true);
        IReadOnlyList<FidelityOutcome> outcomes = [];
        if (fidelity > TimeSpan.Zero)
        {
            journeys.SaturatedMedians.TryGetValue(JourneyKind.Upload.Name, out var medians);
            say("");
            say("## Fidelity: each tool's capacity");
            var atOnce = new List<string>();
            foreach (var tool in tools) // one after the other: each tool alone on the machine
                atOnce.Add($"{tool} {(medians?.GetValueOrDefault(tool) ?? await journeys.SaturatedAsync(tool, JourneyKind.Upload)).PerSecond:#,0}/s");
            say($"against the journeys' endpoint (answers at once; the journey section's median, or one run): {string.Join(", ", atOnce)}");
            var capacities = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            foreach (var distribution in FidelitySection.Distributions)
                capacities[distribution.Spec()] = await CapacityAgainstTruthAsync(server.Url, distribution, tools, fidelity, say);
            outcomes = await new FidelitySection(server.Url, capacities, fidelity, say).RunAsync();
        }
        string? stallPart = null;
        if (stall > TimeSpan.Zero)
        {
            var worst = await new StallSection(server.Url, stall, stallRate, say).RunAsync();
            stallPart = $"stall: engine from intended start within {worst * 100:0.#} % of the schedule's truth";
        }
        return FidelitySection.ClosingLine(outcomes, stallPart);
    }

    /// <summary>
    /// Each tool saturated against the truth server itself, with users enough that the service time is no
    /// limit (600: 30,000/s at 20 ms): its timers and waits cost the server CPU on the same two cores, so
    /// the journeys' endpoint's rates are past what this machine serves here (a first run at 90 % of
    /// them: 10,418/s asked of the engine, 9,136 done, every core busy).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, double>> CapacityAgainstTruthAsync(Uri truthUrl, ServiceDistribution distribution, string[] tools, TimeSpan run, Action<string> say)
    {
        const int users = 600;
        using var truth = new TruthClient(truthUrl);
        var capacity = new Dictionary<string, double>();
        foreach (var tool in tools)
        {
            await truth.ResetAsync(distribution);
            var figures = tool switch
            {
                "engine" => await EngineJourneys.RunAsync(truthUrl, JourneyKind.Upload, new ConstantUsers(users, run)),
                "locust" => await LocustTool.RunAsync(truthUrl, JourneyKind.Upload, users, run),
                // As the journey section saturates it: arrivals far above what it serves, capped by maxVusers
                // (at 20,000/s it queued every arrival and ran minutes past its phase).
                _ => await ArtilleryTool.RunAsync(truthUrl, JourneyKind.Upload, users, run, arrivalRate: 5_000),
            };
            capacity[tool] = figures.PerSecond;
        }
        say($"against the truth server, {distribution}, {users} users: " + string.Join(", ", capacity.Select(c => $"{c.Key} {c.Value:#,0}/s")));
        return capacity;
    }
}
