using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Verdicts;
using MangaMotion.Acceptance.Verdicts.Capacity;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>How the capacity model reads a stage's throughput from the run's once-a-second samples.</summary>
public sealed class StageLoadsTests
{
    /// <summary>
    /// One 40-second stage of 20 uploads a second, its samples taken at <paramref name="ticks"/> (seconds since
    /// the start), each counting the uploads finished since the one before.
    /// </summary>
    private static GuideTestRecord Stage(IReadOnlyList<double> ticks)
    {
        var stage = new PlannedStage(0, "40 users", TimeSpan.Zero, TimeSpan.FromSeconds(40), 40, 40);
        var latency = new LatencySummary(800, 100, 200, 180, 300, 350, 400, 600);
        var upload = new StepStats("upload", 800, 800, 0, latency, latency, latency,
            new Dictionary<int, long>(), new Dictionary<string, long>(), new Dictionary<string, IReadOnlyList<string>>(), 0, 0);
        var series = ticks.Select((t, i) => new SecondSample(t, 40, 40, 0, 0, new Dictionary<string, StepSecond>
        {
            ["upload"] = new(Math.Max(0, (long)Math.Round(20 * (t - (i == 0 ? 0 : ticks[i - 1])))), 0, 200, 400, 600),
        })).ToList();
        var load = new LoadResult("bottleneck", "ramping-users", "", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(40), [stage],
            [upload], [new StageResult(stage, [upload])], new IterationCounts(0, 0, 0, 0, 0, 0), [], series, [], null);
        return new GuideTestRecord("bottleneck", "Bottleneck detection", "", "", load, new InfrastructureSeries([], 0), null);
    }

    [Test]
    public void Regular_ticks_read_the_rate() =>
        Assert.That(StageLoads.Of(Stage(Enumerable.Range(1, 40).Select(s => (double)s).ToList())).Single().Throughput, Is.EqualTo(20).Within(1e-9));

    [Test]
    public void Ticks_a_busy_machine_moved_across_the_windows_edges_still_read_the_rate()
    {
        // The steady window is seconds 10 to 40: the tick of second 10 came 2 ms early, that of second 39 almost a
        // second late, so the window holds 29 samples for 30 s of uploads. Counting samples would read 20.7 uploads/s.
        var ticks = Enumerable.Range(1, 40).Select(s => s switch { 10 => 9.998, 39 => 39.99, _ => (double)s }).ToList();
        var load = StageLoads.Of(Stage(ticks)).Single();
        Assert.That(load.Throughput, Is.EqualTo(20).Within(0.05));
    }
}
