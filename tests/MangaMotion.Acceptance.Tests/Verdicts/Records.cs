using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
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
}
