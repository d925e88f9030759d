using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// Coordinated omission in numbers: the truth server stops answering for 1 s every 10 s while each tool
/// sends uploads at one constant rate (wrk paced on its connections, GET /ok). A user sending at that
/// rate would have waited out each stall from the moment a request was meant to go; that latency is
/// known from the schedule. Each tool's report is set against it: a tool that stops sending while its
/// requests hang reports the stall for few requests, so its p95 and p99 fall short of the truth.
/// </summary>
public sealed class StallSection(Uri truthUrl, TimeSpan duration, double rate, Action<string> say)
{
    private const int ClosedUsers = 50;
    private static readonly int[] Percentiles = [50, 95, 99];

    /// <returns>the engine's worst intended-start error against the schedule, as a share (for the closing line)</returns>
    public async Task<double> RunAsync()
    {
        using var truth = new TruthClient(truthUrl);
        var service = ServiceDistribution.Fixed20;
        var stall = StallSchedule.OneSecondInTen;
        say("");
        say(string.Create(CultureInfo.InvariantCulture, $"## Stall: the server stops answering {stall}; {rate:0} requests/s for {duration.TotalSeconds:0} s, {service}"));
        say("| tool | sent (server saw) | p50 / p95 / p99 reported (ms) | the schedule's truth (ms) | error p50 / p95 / p99 |");
        say("| --- | ---: | --- | --- | --- |");
        double engineWorst = double.NaN;
        foreach (var tool in new[] { "engine", "locust", "artillery", "wrk" })
        {
            await truth.ResetAsync(service, stall);
            var readings = await RunAsync(tool);
            var seen = await truth.ReadAsync();
            var schedule = stall.UserLatenciesMs(rate, duration, seen.Work.P50).Order().ToArray();
            foreach (var reading in readings)
            {
                var errors = Percentiles.Select(p => new PercentileError(reading.Percentile(p), Nearest(schedule, p))).ToArray();
                say(string.Create(CultureInfo.InvariantCulture,
                    $"| {reading.Tool} | {reading.AchievedRate * duration.TotalSeconds:#,0} ({seen.Count:#,0}; {seen.Stalled} held by a stall, let go p95 {seen.StallOverrunP95:0.0} ms after its end) | {reading.P50:0.0} / {reading.P95:0.0} / {reading.P99:0.0} | {string.Join(" / ", errors.Select(e => e.TruthMs.ToString("0.0", CultureInfo.InvariantCulture)))} | {string.Join(" / ", errors.Select(e => $"{e.Share * 100:+0.#;-0.#} %"))} |"));
                if (reading.Tool.StartsWith("engine (intended", StringComparison.Ordinal)) engineWorst = errors.Max(e => Math.Abs(e.Share));
            }
        }
        say(string.Create(CultureInfo.InvariantCulture, $"engine from intended start: worst error against the schedule's truth {engineWorst * 100:0.#} % ({(engineWorst <= 0.05 ? "within" : "NOT within")} 5 %)"));
        return engineWorst;
    }

    private async Task<IReadOnlyList<ToolReading>> RunAsync(string tool)
    {
        switch (tool)
        {
            case "engine":
                var (fromSend, fromStart) = await RateTools.EngineBothAsync(truthUrl, rate, duration, room: (int)(rate * 3));
                return [fromStart, fromSend];
            case "locust": // the usual Locust script: a few users, each paced, each waiting for its answer
                return [await RateTools.RunAsync(tool, truthUrl, rate, duration, room: ClosedUsers) with { Tool = $"locust ({ClosedUsers} users)" }];
            case "artillery":
                return [await RateTools.RunAsync(tool, truthUrl, rate, duration, room: (int)(rate * 3))];
            default:
                var wrk = await ExternalTools.WrkAsync(truthUrl, ClosedUsers, duration, delayMs: ClosedUsers * 1000.0 / rate);
                return [new ToolReading($"wrk (paced, {ClosedUsers} connections)", rate, wrk.Rps, wrk.P50, wrk.P95, wrk.P99, "closed loop")];
        }
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Nearest(IReadOnlyList<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
