using MangaMotion.Acceptance.Load.Running;
using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>One tool's p99 error at 90 % of its capacity, the worst over the service distributions.</summary>
public sealed record FidelityOutcome(string Tool, PercentileError P99At90, ServiceDistribution Distribution);

/// <summary>
/// Whose latencies to believe: each rate-holding tool drives the truth server's upload at about 50 % and
/// 90 % of its own capacity against that server with that service time (see <see cref="FidelityRun"/>),
/// under a fixed and a mixed service time, and its reported p50/p95/p99 are set against what the server
/// measured for the same requests. Tools alternate order level by level; one run each.
/// </summary>
/// <param name="capacities">by the service distribution's spec, each tool's upload journeys per second at saturation</param>
public sealed class FidelitySection(Uri truthUrl, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> capacities, TimeSpan duration, Action<string> say)
{
    public static readonly double[] Levels = [0.5, 0.9];
    public static readonly ServiceDistribution[] Distributions = [ServiceDistribution.Fixed20, ServiceDistribution.Mix];
    private static readonly int[] Percentiles = [50, 95, 99];

    public async Task<IReadOnlyList<FidelityOutcome>> RunAsync()
    {
        using var truth = new TruthClient(truthUrl);
        var tools = RateTools.All.Where(t => capacities.Values.All(c => c.ContainsKey(t))).ToArray();
        say("");
        say($"## Fidelity: reported latency against the server's truth ({duration.TotalSeconds:0} s per run)");
        say("| service | tool | load | asked/s | done/s | machine CPU | p50 reported / truth / error | p95 reported / truth / error | p99 reported / truth / error | timing |");
        say("| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |");
        var worst = new Dictionary<string, FidelityOutcome>();
        var turn = 0;
        foreach (var distribution in Distributions)
        foreach (var level in Levels)
        foreach (var tool in turn++ % 2 == 0 ? tools : tools.Reverse())
        {
            var rate = Math.Round(level * capacities[distribution.Spec()][tool]);
            await truth.ResetAsync(distribution);
            var machine = new MachineCpu();
            var reading = await RateTools.RunAsync(tool, truthUrl, rate, duration);
            var busy = machine.BusyPercentSinceLast() is { } b ? $"{b:0} %" : "n/a";
            var seen = await truth.ReadAsync();
            var errors = Percentiles.Select(p => new PercentileError(reading.Percentile(p), seen.Service.At(p))).ToArray();
            say(string.Create(CultureInfo.InvariantCulture,
                $"| {distribution} | {tool} | {level * 100:0} % | {rate:#,0} | {reading.AchievedRate:#,0} | {busy} | {string.Join(" | ", errors.Select(e => $"{e.ReportedMs:0.00} / {e.TruthMs:0.00} / {e}"))} | {reading.Timing}; server saw {seen.Count:#,0} |"));
            if (level < Levels.Max()) continue;
            var p99 = errors[^1];
            if (!worst.TryGetValue(tool, out var before) || Math.Abs(p99.Ms) > Math.Abs(before.P99At90.Ms)) worst[tool] = new(tool, p99, distribution);
        }
        var outcomes = tools.Where(worst.ContainsKey).Select(t => worst[t]).ToList();
        foreach (var o in outcomes)
            say(string.Create(CultureInfo.InvariantCulture, $"{o.Tool} p99 error at 90 % load (worst service: {o.Distribution}): {o.P99At90}{(o.Tool == "engine" ? o.P99At90.WithinOneMsOrTwoPercent ? ", within 1 ms or 2 %" : ", NOT within 1 ms or 2 %" : "")}"));
        return outcomes;
    }

    /// <summary>The compass's line: each tool's p99 error at 90 % of its capacity.</summary>
    public static string ClosingLine(IReadOnlyList<FidelityOutcome> outcomes, string? stall) => "fidelity: " + string.Join("; ", outcomes.Select((o, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{o.Tool}{(i == 0 ? " p99 error" : "")} {o.P99At90.Ms:+0.0;-0.0} ms ({o.P99At90.Share * 100:+0.#;-0.#} %){(i == 0 ? " at 90 % load" : "")}"))
        .Append(stall).OfType<string>());
}
