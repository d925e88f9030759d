using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Benchmarks;

/// <summary>
/// One agent against three on this machine at the same total load (the upload journey at a fixed
/// arrival rate, so the planned count is exact), each agent its own engine and connections in this
/// process; then the merge of a release run's histograms: its time, its allocations, the partials' size.
/// </summary>
public sealed class AgentsSection(Uri url, TimeSpan run, double rate, Action<string> say)
{
    public async Task RunAsync()
    {
        say("");
        say(string.Create(CultureInfo.InvariantCulture, $"## Agents: the upload journey at {rate:0}/s for {run.TotalSeconds:0} s, one agent against three"));
        foreach (var agents in new[] { 1, 3, 1, 3 })
        {
            var started = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var parts = await Task.WhenAll(Enumerable.Range(0, agents).Select(i => Upload(new ExecutionSegment(i, agents))));
            var merged = RunMerge.Merge(parts);
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var step = merged.Step("upload")!;
            say(string.Create(CultureInfo.InvariantCulture,
                $"{agents} agent(s): planned {merged.Iterations.Planned} (per agent {string.Join(" + ", parts.Select(p => p.Iterations.Planned))}), started {merged.Iterations.Started}, " +
                $"uploads {step.Requests} ok {step.Ok}, dropped {merged.Iterations.Dropped}; p50 {step.Latency.P50:0.###} p95 {step.Latency.P95:0.###} p99 {step.Latency.P99:0.###} ms; " +
                $"CPU {used:0.00} s; {started.Elapsed.TotalSeconds:0.0} s"));
        }
        MergeCost();
    }

    private async Task<LoadResult> Upload(ExecutionSegment segment)
    {
        using var http = LoadHttpClient.Create(url);
        var journeys = new MangaMotionJourneys(http, url, new JourneyOptions($"agent{segment.Index}", 100, TimeSpan.Zero, 1, TimeSpan.Zero, JobStates.Default), new ConcurrentQueue<string>());
        return await LoadRun.RunAsync(new LoadRunOptions("uploads", new ConstantArrivalRate(rate, run, 200), journeys.Uploads(new JobLedger(windowSeconds: 1)))
        {
            Segment = segment, KeepHistograms = true, StepTimeout = TimeSpan.FromSeconds(10),
        });
    }

    /// <summary>
    /// A release run's longest test on three agents: the bottleneck ramp (20 steps of 2 minutes, 2,400 s)
    /// with three steps recorded each second (about 300 requests a second between them, latencies spread
    /// from 1 ms to 10 s), built as the agents' partial results would be; merged three times.
    /// </summary>
    private void MergeCost()
    {
        const int seconds = 2_400, agents = 3;
        var parts = Enumerable.Range(0, agents).Select(a => Synthetic(a, agents, seconds)).ToList();
        var json = parts.Sum(p => JsonSerializer.SerializeToUtf8Bytes(p).Length);
        for (var round = 1; round <= 3; round++)
        {
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var merged = RunMerge.Merge(parts);
            var took = clock.Elapsed;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            say(string.Create(CultureInfo.InvariantCulture,
                $"merge of a release bottleneck test (3 agents, {seconds} s, 3 steps, {merged.Steps.Sum(s => s.Requests):#,0} requests): {took.TotalMilliseconds:0} ms, " +
                $"{bytes / 1048576.0:0.0} MiB allocated, working set {Environment.WorkingSet / 1048576.0:0} MiB; partial results {json / 1048576.0:0.0} MiB as JSON (round {round})"));
        }
    }

    private static LoadResult Synthetic(int agent, int agents, int seconds)
    {
        var random = new Random(agent);
        string[] steps = ["upload", "status", "job"];
        var whole = steps.ToDictionary(s => s, _ => new LongHistogram(1, 3_600_000_000, 3));
        var perSecond = steps.ToDictionary(s => s, _ => new List<byte[]>());
        var series = new List<SecondSample>();
        for (var t = 0; t < seconds; t++)
        {
            var second = new Dictionary<string, StepSecond>();
            foreach (var step in steps)
            {
                var h = new LongHistogram(1, 3_600_000_000, 3);
                for (var i = 0; i < 100 / agents; i++) h.RecordValue(1_000 + (long)(random.NextDouble() * random.NextDouble() * 10_000_000));
                whole[step].Add(h);
                perSecond[step].Add(HistogramCodec.Encode(h));
                second[step] = new StepSecond(h.TotalCount, 0, h.GetValueAtPercentile(50) / 1000.0, h.GetValueAtPercentile(95) / 1000.0, h.GetValueAtPercentile(99) / 1000.0);
            }
            series.Add(new SecondSample(t + 1, 10, 10, t * 10, 0, second));
        }
        var empty = HistogramCodec.Encode(new LongHistogram(1, 3_600_000_000, 3));
        var stats = steps.Select(s => new StepStats(s, whole[s].TotalCount, whole[s].TotalCount, 0, LatencySummary.From(whole[s]), LatencySummary.From(whole[s]), LatencySummary.From(whole[s]),
            new Dictionary<int, long> { [200] = whole[s].TotalCount }, new Dictionary<string, long>(), new Dictionary<string, IReadOnlyList<string>>(), 0, 0)).ToList();
        return new LoadResult("bottleneck", "ramping users", $"agent {agent} of {agents}: ramp", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds),
            [new PlannedStage(0, "ramp", TimeSpan.Zero, TimeSpan.FromSeconds(seconds), 10, 10)], stats, [], new IterationCounts(0, seconds * 10, seconds * 10, 0, 0, 0), [], series, [], null)
        {
            Segment = new ExecutionSegment(agent, agents),
            Histograms = [.. steps.Select(s => new StepHistograms(s, HistogramCodec.Encode(whole[s]), empty, empty, new Dictionary<int, StageHistograms>(), perSecond[s]))],
        };
    }
}
