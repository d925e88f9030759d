using System.Globalization;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <param name="Tools">BENCH_JOURNEY_TOOLS: the tools to run alone (profiling, trying a runtime switch); null: all</param>
public sealed record JourneySettings(TimeSpan Run, int Rounds, int Users, double FixedRate, IReadOnlyList<string>? Tools = null);

/// <summary>
/// The guide's journeys written once per tool (the engine's are the suite's own), run against the
/// endpoint that accepts and discards, alternating the tools round by round: at saturation (the same
/// users for each; Artillery, open by design, capped at those users) and at a fixed arrival rate.
/// wrk with a Lua body is the ceiling; the upload's calibrations say where the engine's cost goes.
/// The median round of each tool decides.
/// </summary>
public sealed class JourneySection(Uri url, JourneySettings settings, Action<string> say)
{
    private static readonly string[] Peers = ["engine", "locust", "artillery"];
    // Saturation only: wrk is the ceiling; the engine calibrations, bare and raw split the engine's upload cost (UploadCalibrations).
    private static readonly string[] References = ["wrk", "step-ledger", "step", "step-token-free", "scheduler", "bare", "raw"];

    /// <summary>The tools BENCH_JOURNEY_TOOLS names (engine,bare), null for all.</summary>
    /// <exception cref="ArgumentException">a name that is no tool, before anything runs</exception>
    public static string[]? ChosenTools()
    {
        var only = Environment.GetEnvironmentVariable("BENCH_JOURNEY_TOOLS") is { Length: > 0 } chosen ? chosen.Split(',') : null;
        if (only?.Except(Peers).Except(References).ToList() is { Count: > 0 } unknown)
            throw new ArgumentException($"BENCH_JOURNEY_TOOLS: no tool named {string.Join(", ", unknown)}; accepted: {string.Join(", ", Peers.Concat(References))}");
        return only;
    }

    /// <summary>Each tool's median round at saturation, by journey name: the capacity the fidelity section loads each tool to.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, JourneyFigures>> SaturatedMedians { get; } = [];

    /// <summary>Journeys per client CPU second of the engine against each peer, median rounds: the lower of the two journeys'.</summary>
    public async Task<IReadOnlyDictionary<string, double>> RunAsync()
    {
        var tools = ArtilleryTool.Executable is null ? Peers.Where(t => t != "artillery").ToArray() : Peers;
        if (tools.Length < Peers.Length) say("artillery is not installed (MM_ARTILLERY): ./acceptance bench installs it; its figures are left out");
        bool Chosen(string tool) => settings.Tools is not { } only || only.Contains(tool);
        var ratios = new Dictionary<string, double>();
        foreach (var kind in JourneyKind.All)
        {
            var references = References.Where(t => t == "wrk" || kind == JourneyKind.Upload);
            var saturatedTools = tools.Concat(references).Where(Chosen).ToArray();
            var saturated = await RoundsAsync($"{kind.Name} journey at saturation, {settings.Users} users", kind, saturatedTools, tool => SaturatedAsync(tool, kind));
            SaturatedMedians[kind.Name] = saturated;
            if (settings.FixedRate > 0) await RoundsAsync($"{kind.Name} journey at a fixed rate of {settings.FixedRate:0}/s", kind, tools.Where(Chosen).ToArray(), tool => Fixed(tool, kind));
            if (!saturated.TryGetValue("engine", out var engine)) continue;
            foreach (var (tool, figures) in saturated.Where(s => s.Key != "engine"))
            {
                var ratio = engine.PerCpuSecond / figures.PerCpuSecond;
                if (Peers.Contains(tool)) ratios[tool] = ratios.TryGetValue(tool, out var r) ? Math.Min(r, ratio) : ratio;
                say(string.Create(CultureInfo.InvariantCulture, $"{kind.Name}: engine/{tool} journeys per client CPU second {ratio:0.00}, per second {engine.PerSecond / figures.PerSecond:0.00}; µs per journey user + kernel: engine {engine.UserMicros:0} + {engine.KernelMicros:0}, {tool} {figures.UserMicros:0} + {figures.KernelMicros:0}"));
            }
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

    /// <summary>One run of the tool at saturation, the same users for each.</summary>
    public Task<JourneyFigures> SaturatedAsync(string tool, JourneyKind kind) => tool switch
    {
        "engine" => EngineJourneys.RunAsync(url, kind, new ConstantUsers(settings.Users, settings.Run)),
        "locust" => LocustTool.RunAsync(url, kind, settings.Users, settings.Run),
        "artillery" => ArtilleryTool.RunAsync(url, kind, settings.Users, settings.Run, arrivalRate: 5000),
        "bare" => UploadCalibrations.BareAsync(url, settings.Users, settings.Run),
        "raw" => UploadCalibrations.RawAsync(url, settings.Users, settings.Run),
        "scheduler" or "step" or "step-token-free" or "step-ledger" => UploadCalibrations.OnEngineAsync(tool, url, settings.Users, settings.Run),
        _ => WrkJourneys.RunAsync(url, kind, settings.Users, settings.Run),
    };

    private Task<JourneyFigures> Fixed(string tool, JourneyKind kind) => tool switch
    {
        "engine" => EngineJourneys.RunAsync(url, kind, new ConstantArrivalRate(settings.FixedRate, settings.Run, settings.Users)),
        "locust" => LocustTool.RunAsync(url, kind, settings.Users, settings.Run, settings.FixedRate),
        _ => ArtilleryTool.RunAsync(url, kind, settings.Users, settings.Run, settings.FixedRate),
    };
}
