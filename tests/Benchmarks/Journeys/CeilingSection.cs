using System.Collections.Concurrent;
using System.Globalization;
using MangaMotion.Acceptance.Drivers;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>One guide test's journey at one number of users: what it drove and whether the generator's own watch flagged itself.</summary>
public sealed record CeilingLevel(string Test, int Users, double JourneysPerSecond, double MegabytesPerSecond, double CpuSeconds, GeneratorFigures? Generator)
{
    public bool Saturated => Generator is { Saturated: true };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Test,-10} {Users,5} users {JourneysPerSecond,8:0.0} journeys/s {MegabytesPerSecond,7:0.0} MB/s  client CPU {CpuSeconds,5:0.0} s  {Generator?.State() ?? "no generator figures"}");
}

/// <summary>
/// The machine's ceiling for the release profile: each guide test's journey (the suite's own) against the
/// endpoint that accepts and discards, at the release profile's users and at doubling multiples of them,
/// until the engine's own saturation flag trips (the same flag that keeps a run from signing off).
/// The bottleneck test runs the upload journey, so its ceiling is the upload test's.
/// </summary>
public sealed class CeilingSection(Uri url, TimeSpan run, int maxMultiple, Action<string> say)
{
    private static readonly (string Test, int ReleaseUsers, int PageKb)[] Tests =
        [(GuideTest.Uploads, 50, 100), (GuideTest.Presign, 30, 500), (GuideTest.Worker, 20, 100)];

    public async Task<IReadOnlyList<CeilingLevel>> RunAsync()
    {
        say("");
        say($"## Ceiling per guide test: release users x1, x2, x4 ... x{maxMultiple}, {run.TotalSeconds:0} s each, until the generator flags itself saturated");
        var levels = new List<CeilingLevel>();
        foreach (var (test, releaseUsers, kb) in Tests)
        {
            CeilingLevel? lastClear = null;
            for (var multiple = 1; multiple <= maxMultiple; multiple *= 2)
            {
                var level = await RunLevelAsync(test, releaseUsers * multiple, kb);
                levels.Add(level);
                say($"x{multiple,-3} {level}");
                if (level.Saturated) break;
                lastClear = level;
            }
            say(lastClear is null
                ? $"{test}: the generator flagged itself saturated already at the release profile's {releaseUsers} users"
                : string.Create(CultureInfo.InvariantCulture, $"{test}: ceiling at least {lastClear.Users} users ({lastClear.JourneysPerSecond:0} journeys/s) without the saturation flag"));
        }
        return levels;
    }

    private async Task<CeilingLevel> RunLevelAsync(string test, int users, int kb)
    {
        using var http = LoadHttpClient.Create(url);
        var options = new JourneyOptions("ceiling", kb, TimeSpan.Zero, 5, TimeSpan.FromSeconds(1), JobStates.Default);
        var journeys = new MangaMotionJourneys(http, url, options, new ConcurrentQueue<string>());
        var ledger = new JobLedger(windowSeconds: 1);
        var (journey, key, bytes) = test switch
        {
            GuideTest.Presign => (journeys.PresignUploads(), "s3_put", kb * 1024L),
            GuideTest.Worker => (journeys.WorkerProcessing(ledger), "job", kb * 1024L),
            _ => (journeys.Uploads(ledger), "upload", kb * 1024L),
        };
        var facts = new RuntimeFacts();
        var result = await LoadRun.RunAsync(new LoadRunOptions($"ceiling-{test}", new ConstantUsers(users, run), journey) { StepTimeout = TimeSpan.FromSeconds(10) });
        var cpu = facts.CpuSeconds;
        var done = result.Step(key)?.Ok ?? 0;
        var seconds = result.PlannedDuration.TotalSeconds;
        return new CeilingLevel(test, users, done / seconds, done * bytes / seconds / 1e6, cpu, result.Generator);
    }
}
