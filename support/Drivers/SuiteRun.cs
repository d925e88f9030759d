using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Reports;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Verdicts;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// One run of the suite: its id, folder, target, the guide tests it ran and everything judged.
/// At the end it writes results.json (also for a failed or interrupted run) and removes the run's data.
/// </summary>
public sealed class SuiteRun(SuiteTarget target, string folder, Action<string> progress) : IAsyncDisposable
{
    public string Id { get; } = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss") + "-" + Guid.NewGuid().ToString("N")[..6];
    public string Folder { get; } = folder;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public SuiteTarget Target { get; } = target;
    public RunVerdicts Verdicts { get; } = new();
    public GuideTests Tests => _tests ??= new GuideTests(Target, Id, Folder, progress);
    private GuideTests? _tests;

    /// <summary>The pre-test checklist and the configuration facts, once per run.</summary>
    public async Task<IReadOnlyList<ReadinessLine>> CheckReadinessAsync()
    {
        var endpoints = await Target.EndpointsAsync();
        await using var probes = new ProbeSet(endpoints, Id, new Dictionary<string, int>(), Target.Settings.SkipProbes);
        Verdicts.Readiness = await ReadinessCheck.RunAsync(probes.All, Target.Settings.SkipProbes.ToHashSet(), probes.Secrets, TimeSpan.FromSeconds(5));
        Verdicts.Configuration = await ConfigurationFacts.ReadAsync(probes.Postgres, probes.Redis, CancellationToken.None);
        return Verdicts.Readiness;
    }

    /// <summary>Written whatever happened: a target that never came up is named as such, and the run marked incomplete.</summary>
    public async Task<string> WriteResultsAsync(bool interrupted, string? why)
    {
        string target;
        try { target = (await Target.EndpointsAsync()).Describe(); }
        catch (Exception e)
        {
            target = $"unavailable: {e.Message}";
            (interrupted, why) = (true, why ?? $"the target could not be reached: {e.Message}");
        }
        var json = ResultsDocument.Render(new ResultsDocument.Input(Tests.Profile.Name, Tests.Profile.CanSignOff, target, StartedAt, DateTimeOffset.UtcNow,
            interrupted, why, Verdicts, Tests.Completed.ToList(), Target.Settings.Values, typeof(SuiteRun).Assembly.GetName().Version?.ToString() ?? "0"));
        var path = Path.Combine(Folder, "results.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    /// <summary>Removes the run's own rows and objects from a deployment (the embedded stack is thrown away whole).</summary>
    public async Task<string> CleanUpAsync()
    {
        TargetEndpoints endpoints;
        try { endpoints = await Target.EndpointsAsync(); }
        catch (Exception) { return "nothing to clean: the target never came up"; }
        if (endpoints.Embedded) return "embedded stack: removed with the stack";
        return await new TestDataCleanup(endpoints.Postgres, endpoints.Redis, endpoints.S3).RemoveRunDataAsync(Id, Tests.ObjectKeys, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Tests.DisposeAsync();
}
