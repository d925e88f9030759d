using MangaMotion.Acceptance.Benchmarks.Journeys;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// The fidelity section as the bench runs it: its own truth server process, each tool's capacity from
/// the journey section's medians (or one saturated run of its own when that section did not run), the
/// fidelity table, the stall test and the closing line.
/// </summary>
public static class FidelityRun
{
    /// <returns>the closing line, or null when the section is switched off</returns>
    public static async Task<string?> RunAsync(JourneySection journeys, TimeSpan fidelity, TimeSpan stall, double stallRate, Action<string> say)
    {
        if (fidelity <= TimeSpan.Zero && stall <= TimeSpan.Zero) return null;
        var tools = ArtilleryTool.Executable is null ? RateTools.All.Where(t => t != "artillery").ToArray() : RateTools.All;
        if (tools.Length < RateTools.All.Length) say("artillery is not installed (MM_ARTILLERY): ./acceptance bench installs it; its fidelity figures are left out");
        using var server = EndpointServer.Start(truth: true);
        IReadOnlyList<FidelityOutcome> outcomes = [];
        if (fidelity > TimeSpan.Zero)
        {
            var capacities = new Dictionary<string, double>();
            journeys.SaturatedMedians.TryGetValue(JourneyKind.Upload.Name, out var medians);
            foreach (var tool in tools)
                capacities[tool] = medians?.GetValueOrDefault(tool)?.PerSecond ?? (await journeys.SaturatedAsync(tool, JourneyKind.Upload)).PerSecond;
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
}
