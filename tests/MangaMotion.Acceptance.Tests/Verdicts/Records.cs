using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>Records of a guide test built as data, for the pure verdicts: no load, only what a judge reads.</summary>
internal static class Records
{
    public static GuideTestRecord Of(string test, double seconds, JobOutcomes? jobs = null, IEnumerable<ProbeSample>? samples = null, QueueBacklog? backlog = null) =>
        new(test, test, "", "", new LoadResult(test, "constant-users", "", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds),
            [], [], [], new IterationCounts(0, 0, 0, 0, 0, 0), [], [], [], null), new InfrastructureSeries((samples ?? []).ToList(), 0), jobs) { Backlog = backlog };

    /// <summary>Queue readings once a second: depth (and the BullMQ id counter) as functions of the second.</summary>
    public static IEnumerable<ProbeSample> Queue(int seconds, Func<int, double> depth, Func<int, double>? id = null) =>
        Enumerable.Range(0, seconds + 1).Select(t =>
        {
            var values = new Dictionary<string, double> { ["queue_depth"] = depth(t) };
            if (id is not null) values["queue_id"] = id(t);
            return new ProbeSample(t, "redis", values, [], null, 1);
        });

    public static JobOutcomes Jobs(long completed, long failed = 0, long timedOut = 0, long unknown = 0, long witnessed = 0, double window = 60, double completionSeconds = 5) =>
        new(completed + failed + timedOut + unknown, completed, failed, timedOut, unknown, witnessed, failed > 0 ? ["boom"] : [],
            Enumerable.Repeat(completionSeconds, (int)completed).ToList(), window, witnessed > 0 ? ["BullMQ events of bull:ai-job"] : [], []);

    /// <summary>
    /// A bottleneck ramp of 40-s stages at 10, 20, 30… users completing <paramref name="uploadsPerSecond"/> each (their
    /// mean response growing by half the first's a stage), the queue read once a second while a worker drains
    /// <paramref name="workerDrain"/> jobs a second: it grows by what arrives beyond that.
    /// </summary>
    public static GuideTestRecord Ramp(IReadOnlyList<double> uploadsPerSecond, double workerDrain)
    {
        var (series, samples, results, depth) = (new List<SecondSample>(), new List<ProbeSample>(), new List<StageResult>(), 0.0);
        for (var i = 0; i < uploadsPerSecond.Count; i++)
        {
            var (users, rate) = (10 * (i + 1), uploadsPerSecond[i]);
            var stage = new PlannedStage(i, $"{users} users", TimeSpan.FromSeconds(40 * i), TimeSpan.FromSeconds(40 * (i + 1)), users, users);
            var latency = new LatencySummary((long)(rate * 40), 100, 100 + 50 * i, 100 + 50 * i, 150 + 60 * i, 200 + 80 * i, 250 + 90 * i, 400 + 100 * i);
            var upload = new StepStats(JourneySteps.Upload, latency.Count, latency.Count, 0, latency, latency, latency,
                new Dictionary<int, long>(), new Dictionary<string, long>(), new Dictionary<string, IReadOnlyList<string>>(), 0, 0);
            results.Add(new StageResult(stage, [upload]));
            for (var s = 1; s <= 40; s++)
            {
                var t = 40 * i + s;
                series.Add(new SecondSample(t, users, users, 0, 0, new Dictionary<string, StepSecond> { [JourneySteps.Upload] = new((long)rate, 0, 100, 200, 300) }));
                depth = Math.Max(0, depth + rate - workerDrain);
                samples.Add(new ProbeSample(t, ProbeNames.Redis, new Dictionary<string, double> { [QueueMeasurements.Depth] = depth }, [], null, 1));
            }
        }
        var seconds = TimeSpan.FromSeconds(40 * uploadsPerSecond.Count);
        var load = new LoadResult(GuideTest.Bottleneck, "ramping-users", "", DateTimeOffset.UtcNow, seconds, seconds,
            results.Select(r => r.Stage).ToList(), [], results, new IterationCounts(0, 0, 0, 0, 0, 0), [], series, [], null);
        return new GuideTestRecord(GuideTest.Bottleneck, "Bottleneck detection", "", "", load, new InfrastructureSeries(samples, 0), null);
    }
}
