using System.Globalization;
using MangaMotion.Acceptance.Benchmarks.Journeys;
using MangaMotion.Acceptance.Load.Models;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// The tools that can hold a fixed arrival rate, each sending the upload journey as the journey section
/// does: the engine's open model, Locust's users paced by constant_throughput, Artillery's arrivals.
/// Each gets room for every request in flight (slots, users, virtual users), so a slow answer never
/// holds the next request back unless the tool itself does.
/// </summary>
public static class RateTools
{
    public static readonly string[] All = ["engine", "locust", "artillery"];

    /// <summary>Requests in flight the tool may hold: 0.3 s of arrivals (a 200 ms answer never waits for a free user), at least 50.</summary>
    public static int RoomFor(double rate) => Math.Max(50, (int)Math.Ceiling(rate * 0.3));

    public static async Task<ToolReading> RunAsync(string tool, Uri url, double rate, TimeSpan duration, int? room = null)
    {
        var users = room ?? RoomFor(rate);
        switch (tool)
        {
            case "engine":
                return (await EngineBothAsync(url, rate, duration, users)).FromSend;
            case "locust":
                return Reading(await LocustTool.RunAsync(url, JourneyKind.Upload, users, duration, rate), rate, "reports no timing (pacing: constant_throughput per user)");
            case "artillery":
                return Reading(await ArtilleryTool.RunAsync(url, JourneyKind.Upload, users, duration, rate), rate, "reports no timing (whole ms)");
            default:
                throw new ArgumentException($"no rate tool named {tool}; accepted: {string.Join(", ", All)}");
        }
    }

    /// <summary>The engine's latency from each arrival's intended start (coordinated omission corrected) and the figures from the send.</summary>
    public static async Task<(ToolReading FromSend, ToolReading FromIntendedStart)> EngineBothAsync(Uri url, double rate, TimeSpan duration, int room)
    {
        var (figures, result) = await EngineJourneys.RunWithResultAsync(url, JourneyKind.Upload, new ConstantArrivalRate(rate, duration, room));
        var timing = result.Generator is { ArrivalLateP95Ms: { } p95 } g
            ? string.Create(CultureInfo.InvariantCulture, $"arrivals started p95 {p95:0.00} ms late, timers p95 {g.TimerLateP95Ms:0.00} ms; {g.DroppedArrivals} dropped; {(g.Saturated ? "flagged itself saturated" : "not saturated")}")
            : "no timing";
        var fromSend = Reading(figures, rate, timing);
        var corrected = result.Step(JourneyKind.Upload.KeyStep)!.CorrectedLatency;
        return (fromSend, fromSend with { Tool = "engine (intended start)", P50 = corrected.P50, P95 = corrected.P95, P99 = corrected.P99, Timing = "from the arrival's intended start" });
    }

    private static ToolReading Reading(JourneyFigures f, double rate, string timing) =>
        new(f.Tool, rate, f.PerSecond, f.P50, f.P95, f.P99, f.Note is { Length: > 0 } note && f.Tool != "engine" ? $"{timing}; {note}" : timing);
}
