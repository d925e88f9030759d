using System.Globalization;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

public sealed record JourneySettings(TimeSpan Run, int Rounds, int Users, double FixedRate);

/// <summary>
/// The guide's journeys written once per tool (the engine's are the suite's own), run against the
/// endpoint that accepts and discards, alternating the tools round by round: at saturation (the same
/// users for each; Artillery, open by design, capped at those users) and at a fixed arrival rate.
/// wrk with a Lua body is the ceiling. The median round of each tool decides.
/// </summary>
public sealed class JourneySection(Uri url, JourneySettings settings, Action<string> say)
{
    private static readonly string[] Peers = ["engine", "locust", "artillery"];

    /// <summary>Journeys per client CPU second of the engine against each peer, median rounds: the lower of the two journeys'.</summary>
    public async Task<IReadOnlyDictionary<string, double>> RunAsync()
    {
        var tools = ArtilleryTool.Executable is null ? Peers.Where(t => t != "artillery").ToArray() : Peers;
        // BENCH_JOURNEY_TOOLS=engine runs one tool alone (profiling, trying a runtime switch).
        if (Environment.GetEnvironmentVariable("BENCH_JOURNEY_TOOLS") is { Length: > 0 } only) tools = tools.Where(t => only.Split(',').Contains(t)).ToArray();
        if (tools.Length < Peers.Length) say("artillery is not installed (MM_ARTILLERY): ./acceptance bench installs it; its figures are left out");
        var ratios = new Dictionary<string, double>();
        foreach (var kind in JourneyKind.All)
        {
            var saturated = await RoundsAsync($"{kind.Name} journey at saturation, {settings.Users} users", kind, tools.Length < Peers.Length ? tools : [.. tools, "wrk"], tool => Saturated(tool, kind));
            if (settings.FixedRate > 0) await RoundsAsync($"{kind.Name} journey at a fixed rate of {settings.FixedRate:0}/s", kind, tools, tool => Fixed(tool, kind));
            foreach (var peer in tools.Where(t => t != "engine"))
            {
                var ratio = saturated["engine"].PerCpuSecond / saturated[peer].PerCpuSecond;
                ratios[peer] = ratios.TryGetValue(peer, out var r) ? Math.Min(r, ratio) : ratio;
                say(string.Create(CultureInfo.InvariantCulture, $"{kind.Name}: engine/{peer} journeys per client CPU second {ratio:0.00}"));
            }
            if (saturated.ContainsKey("wrk")) say(string.Create(CultureInfo.InvariantCulture, $"{kind.Name}: engine/wrk journeys per second {saturated["engine"].PerSecond / saturated["wrk"].PerSecond:0.00}"));
        }
        return ratios;
    }

    private async Task<Dictionary<string, JourneyFigures>> RoundsAsync(string title, JourneyKind kind, string[] tools, Func<string, Task<JourneyFigures>> run)
    {
        say("");
        say($"## Journeys: {title} ({settings.Rounds} rounds of {settings.Run.TotalSeconds:0} s)");
        var runs = tools.ToDictionary(t => t, _ => new List<JourneyFigures>());
        for (var round = 1; round <= settings.Rounds; round++)
        foreach (var tool in round % 2 == 1 ? tools : tools.Reverse())
        {
            var figures = await run(tool);
            runs[tool].Add(figures);
            say($"round {round}: {figures}");
        }
        var medians = runs.ToDictionary(r => r.Key, r => JourneyFigures.Median(r.Value));
        foreach (var f in medians.Values) say($"median   {f}");
        return medians;
    }

    private Task<JourneyFigures> Saturated(string tool, JourneyKind kind) => tool switch
    {
        "engine" => EngineJourneys.RunAsync(url, kind, new ConstantUsers(settings.Users, settings.Run)),
        "locust" => LocustTool.RunAsync(url, kind, settings.Users, settings.Run),
        "artillery" => ArtilleryTool.RunAsync(url, kind, settings.Users, settings.Run, arrivalRate: 5000),
        _ => WrkJourneys.RunAsync(url, kind, settings.Users, settings.Run),
    };

    private Task<JourneyFigures> Fixed(string tool, JourneyKind kind) => tool switch
    {
        "engine" => EngineJourneys.RunAsync(url, kind, new ConstantArrivalRate(settings.FixedRate, settings.Run, settings.Users)),
        "locust" => LocustTool.RunAsync(url, kind, settings.Users, settings.Run, settings.FixedRate),
        _ => ArtilleryTool.RunAsync(url, kind, settings.Users, settings.Run, settings.FixedRate),
    };
}
