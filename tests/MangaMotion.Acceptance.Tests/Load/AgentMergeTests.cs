using HdrHistogram;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>Agents' results merge exactly: counts add, and percentiles are those of the union of their raw values.</summary>
public sealed class AgentMergeTests
{
    /// <summary>A journey recording known latencies (no network): every value also goes into <paramref name="union"/>.</summary>
    private static Journey Recording(int seed, LongConcurrentHistogram union) => ctx =>
    {
        var random = new Random(seed * 7919 + (int)ctx.Iteration * 31 + ctx.User);
        var micros = (long)(200 + random.NextDouble() * random.NextDouble() * 400_000);
        union.RecordValue(micros);
        var ok = random.Next(20) != 0;
        ctx.Record("upload", ok ? StepOutcome.Success(200) : StepOutcome.FromStatus(System.Net.HttpStatusCode.BadGateway, 0, 0, "bad gateway"), TimeSpan.FromMicroseconds(micros));
        return Task.Delay(2, ctx.Cancellation);
    };

    [Test]
    public async Task Three_agents_merge_to_the_union_of_their_histograms()
    {
        var union = new LongConcurrentHistogram(1, Histograms.Highest, Histograms.Digits);
        var whole = new ConstantUsers(7, TimeSpan.FromSeconds(2));
        var parts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => LoadRun.RunAsync(new LoadRunOptions("uploads", whole, Recording(i, union))
        {
            Segment = new ExecutionSegment(i, 3), KeepHistograms = true,
        })));
        Assert.That(parts.Select(p => p.Series[0].TargetUsers), Is.EqualTo(new[] { 2, 2, 3 }));

        var merged = RunMerge.Merge(parts);
        var step = merged.Step("upload")!;
        Assert.That(step.Requests, Is.EqualTo(parts.Sum(p => p.Step("upload")!.Requests)).And.EqualTo(union.TotalCount));
        Assert.That(step.Failed, Is.EqualTo(parts.Sum(p => p.Step("upload")!.Failed)));
        Assert.That(step.StatusCodes[502], Is.EqualTo(parts.Sum(p => p.Step("upload")!.StatusCodes.GetValueOrDefault(502))));
        foreach (var q in new[] { 50.0, 90, 95, 99, 99.9 })
            Assert.That(step.LatencyAt(q), Is.EqualTo(union.GetValueAtPercentile(q) / 1000.0), $"p{q}");
        Assert.That(step.Latency.Max, Is.EqualTo(union.GetMaxValue() / 1000.0));
        Assert.That(merged.Iterations.Started, Is.EqualTo(parts.Sum(p => p.Iterations.Started)));
        Assert.That(merged.Stages.Single().To, Is.EqualTo(7), "the stage's users add back to the whole plan's");
        Assert.That(merged.Agents.Select(a => a.Index), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(merged.Series.Sum(s => s.Steps.GetValueOrDefault("upload")?.Requests ?? 0), Is.EqualTo(step.Requests), "the seconds add to the whole");
    }

    [Test]
    public async Task One_part_merged_alone_keeps_every_figure()
    {
        var union = new LongConcurrentHistogram(1, Histograms.Highest, Histograms.Digits);
        var part = await LoadRun.RunAsync(new LoadRunOptions("uploads", new ConstantUsers(3, TimeSpan.FromSeconds(1.5)), Recording(1, union)) { KeepHistograms = true });
        var merged = RunMerge.Merge([part]);
        Assert.That(merged.Step("upload")!.Latency, Is.EqualTo(part.Step("upload")!.Latency));
        Assert.That(merged.Step("upload")!.OkLatency, Is.EqualTo(part.Step("upload")!.OkLatency));
        Assert.That(merged.Series.Select(s => s.Steps["upload"]), Is.EqualTo(part.Series.Select(s => s.Steps["upload"])));
    }

    [Test]
    public void A_missing_agent_is_named_and_the_result_says_it_stopped_short()
    {
        var part = new LoadResult("uploads", "constant users", "agent 0 of 2: 1 users for 00:00:01", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1),
            [], [], [], new IterationCounts(0, 0, 0, 0, 0, 0), [], [], [], null) { Histograms = [], Segment = new ExecutionSegment(0, 2) };
        var merged = RunMerge.Merge([part], new Dictionary<int, string> { [1] = "sent no result within 30 s" });
        Assert.That(merged.StoppedEarly, Is.EqualTo("agent 1: sent no result within 30 s"));
        Assert.That(merged.Agents.Single(a => a.Index == 1).Missing, Is.Not.Null);
    }

    [Test]
    public void Histograms_survive_their_encoding_bucket_for_bucket()
    {
        var h = Histograms.New();
        var random = new Random(5);
        for (var i = 0; i < 10_000; i++) h.RecordValue(1 + (long)(random.NextDouble() * 3_000_000));
        var back = HistogramCodec.Decode(HistogramCodec.Encode(h));
        Assert.That(back.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            Is.EqualTo(h.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))));
    }
}
