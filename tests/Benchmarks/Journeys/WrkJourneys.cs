using System.Globalization;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>The ceiling: wrk sending the journeys' requests from peers/wrk-journeys.lua, reading no answer.</summary>
public static partial class WrkJourneys
{
    public static async Task<JourneyFigures> RunAsync(Uri url, JourneyKind kind, int connections, TimeSpan duration)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Journeys", "peers", "wrk-journeys.lua");
        var (output, cpu, _, kernel) = await ExternalTools.RunMeasuredAsync(
            $"WRK_JOURNEY={kind.Name} wrk -t2 -c{connections} -d{(int)duration.TotalSeconds}s -s {script} {url}");
        var m = Figures().Match(output);
        if (!m.Success) throw new InvalidOperationException("wrk printed no figures:\n" + output);
        long L(int g) => long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        var journeys = kind == JourneyKind.Upload ? L(1) : L(1) / 2;
        return new JourneyFigures("wrk", kind, journeys, L(2) / 1e6, cpu, L(3) / 1000.0, L(4) / 1000.0, L(5) / 1000.0, "every request of the journey in its percentiles") { KernelSeconds = kernel };
    }

    [GeneratedRegex(@"FIGURES (\d+) (\d+) (\d+) (\d+) (\d+)")]
    private static partial Regex Figures();
}
