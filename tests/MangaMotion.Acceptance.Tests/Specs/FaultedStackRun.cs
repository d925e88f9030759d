using System.Text;
using System.Text.Json;
using MangaMotion.Acceptance.Stack.Faults;
using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// Runs the real specification (a child `dotnet test`, smoke profile) against one embedded stack shared
/// by the class, described to the child only by its settings as any deployment is, with one fault
/// switched on through the stack's admin endpoint. Faults are read at run time by the stack's
/// processes, so one stack serves every proof; before each, the previous proof's backlog and held
/// sessions are waited out so each run starts on a quiet deployment.
/// </summary>
public abstract class FaultedStackRun : EmbeddedStackFixture
{
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromSeconds(90);

    private protected async Task<SpecOutcome> RunWithFaultAsync(string category, string faults, Dictionary<string, string?>? settings = null, TimeSpan? deadline = null)
    {
        await WaitUntilQuietAsync();
        if (!string.IsNullOrWhiteSpace(faults)) await SetFaultsAsync(faults);
        var all = Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (name, value) in settings ?? []) all[name] = value;
        return await SpecRun.RunAsync(category, all, null, deadline ?? TimeSpan.FromMinutes(4));
    }

    /// <summary>A run with a failing criterion exits non-zero, one without exits zero; the sign-off's title carries the verdict.</summary>
    protected async Task<JsonElement> RunSuiteAsync(string category, string faults, bool expectFailure = true, Dictionary<string, string?>? settings = null)
    {
        var run = await RunWithFaultAsync(category, faults, settings);
        if (expectFailure) Assert.That(run.Run.ExitCode, Is.Not.Zero, "a run with a failing criterion fails");
        else Assert.That(run.Run.ExitCode, Is.Zero, run.Run.Output);
        Assert.That(run.SignoffMarkdown, Does.StartWith($"# MangaMotion release sign-off: {run.Results.GetProperty("verdict").GetString()}"));
        return run.Results;
    }

    private async Task SetFaultsAsync(string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        (await Client.Http.PutAsync(new Uri(Stack.AdminUrl, "faults"), body)).EnsureSuccessStatusCode();
        // The API reports the faults it now applies; the worker reads the same key on the same half-second loop.
        var wanted = FaultSettings.FromJson(json).ToJson();
        await WaitForAsync("the API to apply the faults", async () => await Client.Http.GetStringAsync(new Uri(Stack.AdminUrl, "faults")) == wanted);
    }

    /// <summary>No job queued or in progress and no session of a database fault still held.</summary>
    private Task WaitUntilQuietAsync() => WaitForAsync("the previous proof's jobs and database faults to clear", async () =>
    {
        var redis = Client.Redis.GetDatabase();
        var queue = Client.Setting("QUEUE_KEY");
        var active = queue.EndsWith(":wait", StringComparison.Ordinal) ? queue[..^":wait".Length] + ":active" : null;
        if (await redis.ListLengthAsync(queue) > 0 || (active is not null && await redis.ListLengthAsync(active) > 0)) return false;
        return await Client.ScalarAsync("select count(*) from pg_stat_activity where application_name like 'mm-fault-%'") == 0;
    });

    private static async Task WaitForAsync(string what, Func<Task<bool>> state)
    {
        var until = DateTime.UtcNow + QuietDeadline;
        while (!await state())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"waited {QuietDeadline.TotalSeconds:0} s for {what}");
            await Task.Delay(250);
        }
    }
}
