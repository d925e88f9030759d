using System.Text.Json;
using MangaMotion.Acceptance.Tests.Drivers;
using MangaMotion.Acceptance.Verdicts.Capacity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>
/// How the capacity model does over many simulated ramps of the embedded stack's 4-slot, 20-uploads/s pool
/// (<c>tests/tools/capacity-test-simulation.py --json</c> writes them): how often the ceiling misses 15 %,
/// how often its interval misses the truth, and how often the predicted P95 crossing misses the longer ramp's
/// by 20 %. A tool, not a check: run it by hand with MM_CAPACITY_SIMULATION naming the file.
/// </summary>
[Explicit("a tool: needs simulated ramps in MM_CAPACITY_SIMULATION")]
public sealed class CapacitySimulationReport
{
    /// <summary>The P95 threshold, in times the unloaded P95 (the run test's unless MM_CAPACITY_THRESHOLD says otherwise).</summary>
    private static double Multiple => double.TryParse(Environment.GetEnvironmentVariable("MM_CAPACITY_THRESHOLD"), System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : CapacityModelRunTests.ThresholdOverUnloaded;

    [Test]
    public void Report()
    {
        var file = Environment.GetEnvironmentVariable("MM_CAPACITY_SIMULATION");
        if (file is null) Assert.Ignore("set MM_CAPACITY_SIMULATION to a file of simulated ramps");
        var runs = JsonSerializer.Deserialize<List<Dictionary<string, double[][]>>>(File.ReadAllText(file!))!;
        var verbose = Environment.GetEnvironmentVariable("MM_CAPACITY_VERBOSE") is not null;
        int peakMiss = 0, intervalMiss = 0, crossMiss = 0, pools = 0, unfitted = 0;
        List<double> errors = [], pointErrors = [];
        foreach (var run in runs)
        {
            var stages = run["short"].Select(s => new StageLoad($"{s[0]}", s[0], 0, 30, s[1], s[2], s[3], null)).ToList();
            var model = CapacityModel.Of(stages, 1);
            if (model.Law is not { } law)
            {
                (peakMiss, intervalMiss, crossMiss, unfitted) = (peakMiss + 1, intervalMiss + 1, crossMiss + 1, unfitted + 1);
                if (verbose) TestContext.Progress.WriteLine($"not fitted: {model.Unfitted}");
                continue;
            }
            pools += law.Fit is ServerPool ? 1 : 0;
            var peak = law.Of(model.Ceiling);
            errors.Add(peak.Value / 20 - 1);
            pointErrors.Add(model.Ceiling(law.Fit) / 20 - 1);
            var threshold = CapacityModelRunTests.Threshold(stages, Multiple);
            var gives = law.Of(f => model.FirstUsersWhere(f, n => model.P95MsAt(f, n) >= threshold)).Value;
            var longer = run["long"];
            var measured = CapacityModelRunTests.MeasuredCrossing(longer.Select(l => (l[0], l[3])).ToList(), threshold);
            var (peakMissed, intervalMissed, crossMissed) = (Math.Abs(peak.Value / 20 - 1) >= 0.15, !peak.Holds(20), !(Math.Abs(gives / measured - 1) < 0.2));
            (peakMiss, intervalMiss, crossMiss) = (peakMiss + (peakMissed ? 1 : 0), intervalMiss + (intervalMissed ? 1 : 0), crossMiss + (crossMissed ? 1 : 0));
            if (verbose && (peakMissed || intervalMissed || crossMissed))
                TestContext.Progress.WriteLine($"{law.Fit.Words}: ceiling {peak}, crossing {gives:0.#} against {measured:0.#} (threshold {threshold:0} ms; long ramp's P95s {string.Join(" ", longer.Select(l => l[3].ToString("0")))}); refits {string.Join(", ", law.Refits.GroupBy(r => r is ServerPool pool ? $"{pool.Servers} servers" : r.Name).Select(g => $"{g.Key} ×{g.Count()}"))}");
        }
        errors.Sort();
        pointErrors.Sort();
        TestContext.Progress.WriteLine($"{runs.Count} runs, {pools} read as pools, {runs.Count - pools - unfitted} by the scalability law, {unfitted} not fitted: ceiling misses 15 % in {peakMiss}, its interval misses 20 in {intervalMiss}, " +
            $"P95 crossing misses 20 % in {crossMiss}; ceiling error p5 {errors[errors.Count / 20]:P1}, median {errors[errors.Count / 2]:P1}, p95 {errors[errors.Count * 19 / 20]:P1}" +
            $" (the one fit's: misses 15 % in {pointErrors.Count(e => !(Math.Abs(e) < 0.15))}, p5 {pointErrors[pointErrors.Count / 20]:P1}, p95 {pointErrors[pointErrors.Count * 19 / 20]:P1})");
    }
}
