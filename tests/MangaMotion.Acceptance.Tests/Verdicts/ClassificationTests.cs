using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Load.Models;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

public sealed class ClassificationTests
{
    /// <summary>A real engine run whose journey records its steps directly: a 1.5 s upload answered 200, a 1.5 s job (no answer of its own), a 429.</summary>
    private static async Task<GuideTestRecord> RecordAsync()
    {
        var result = await LoadRun.RunAsync(new LoadRunOptions("classify", new ConstantUsers(1, TimeSpan.FromMilliseconds(300)), async ctx =>
        {
            ctx.Record("upload", StepOutcome.Success(200), TimeSpan.FromMilliseconds(1500));
            ctx.Record("job", StepOutcome.Success(), TimeSpan.FromMilliseconds(1500));
            ctx.Record("presign", StepOutcome.FromStatus(System.Net.HttpStatusCode.TooManyRequests, 0, 0), TimeSpan.FromMilliseconds(5));
            await ctx.ThinkAsync(TimeSpan.FromMilliseconds(100));
        }));
        return new GuideTestRecord("uploads", "Concurrent uploads", "", "", result, new InfrastructureSeries([], 0), null);
    }

    [Test]
    public async Task Slow_responses_are_server_answers_not_whole_jobs_and_429_is_rate_limiting()
    {
        var record = await RecordAsync();
        var classes = Classification.Classify([record]).ToDictionary(c => c.Kind);
        var uploads = record.Load.Step("upload")!.Requests;
        Assert.That(classes["slow"].Count, Is.EqualTo(uploads), "every 1.5 s upload answer is slow; the 1.5 s jobs are not responses");
        Assert.That(classes["slow"].Examples, Has.All.Contains("uploads/upload"));
        Assert.That(classes["rate_limited"].Count, Is.EqualTo(record.Load.Step("presign")!.Requests));
        Assert.That(classes["rate_limited"].Indicates, Does.Contain("RATE_LIMIT_JOBS_PER_MINUTE"));
    }
}
