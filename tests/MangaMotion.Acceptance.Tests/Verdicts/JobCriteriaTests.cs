using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>The worker test's criteria on deployments that delete finished jobs, outlive the polling window or sit behind a backlog.</summary>
public sealed class JobCriteriaTests
{
    private static CriterionResult Judge(string name, string threshold, GuideTestRecord r) => CriteriaBook.Judge(new CriteriaRow(name, threshold), r);

    [Test]
    public void A_polling_window_shorter_than_the_threshold_with_jobs_unfinished_is_never_a_pass()
    {
        var record = Records.Of("worker", 20, Records.Jobs(completed: 30, timedOut: 10, window: 15));
        var p95 = Judge("P95 completion time", "below 2 minutes", record);
        Assert.That(p95.Verdict, Is.EqualTo(Verdict.NotMeasured), p95.Evidence);
        Assert.That(p95.Evidence, Does.Contain("at least 15 s").And.Contain("MAX_POLL_ATTEMPTS"));
    }

    [Test]
    public void A_polling_window_that_reaches_the_threshold_fails_when_fewer_than_95_percent_completed_inside_it()
    {
        var record = Records.Of("worker", 20, Records.Jobs(completed: 30, timedOut: 10, window: 150));
        var p95 = Judge("P95 completion time", "below 2 minutes", record);
        Assert.That(p95.Verdict, Is.EqualTo(Verdict.Fail), p95.Evidence);
        Assert.That((p95.Observed, p95.AtLeast), Is.EqualTo((2.5, true)), "at least the window, 150 s, in minutes");
    }

    [Test]
    public void Completion_times_come_from_completed_jobs_only_and_few_samples_are_low_confidence()
    {
        var many = Judge("P95 completion time", "below 2 minutes", Records.Of("worker", 20, Records.Jobs(completed: 40, failed: 3, completionSeconds: 6)));
        Assert.That((many.Verdict, many.Observed, many.LowConfidence), Is.EqualTo((Verdict.Pass, 0.1, false)), many.Evidence);
        var few = Judge("P95 completion time", "below 2 minutes", Records.Of("worker", 20, Records.Jobs(completed: 12)));
        Assert.That((few.Verdict, few.LowConfidence, few.Samples), Is.EqualTo((Verdict.Pass, true, 12L)));
        Assert.That(few.Evidence, Does.Contain("from 12 samples: low confidence"));
    }

    [Test]
    public void Jobs_that_turned_not_found_are_never_failures_and_a_witnessed_completion_counts_as_completed()
    {
        var record = Records.Of("worker", 20, Records.Jobs(completed: 50, witnessed: 50));
        Assert.That(Judge("job success rate", "above 95 %", record).Verdict, Is.EqualTo(Verdict.Pass));
        var failure = Judge("job failure rate", "below 5 %", record);
        Assert.That((failure.Verdict, failure.Observed), Is.EqualTo((Verdict.Pass, 0.0)));
        Assert.That(failure.Evidence, Does.Contain("50 of them turned not_found and their fate came from BullMQ events"));
    }

    [Test]
    public void More_than_5_percent_unknown_fates_make_the_job_rates_not_measured_naming_what_would_help()
    {
        var record = Records.Of("worker", 20, Records.Jobs(completed: 40, unknown: 10));
        foreach (var (name, threshold) in new[] { ("job success rate", "above 95 %"), ("job failure rate", "below 5 %") })
        {
            var result = Judge(name, threshold, record);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMeasured), name);
            Assert.That(result.Evidence, Does.Contain("20 % of the jobs ended with no known fate").And.Contain("QUEUE_KEY"));
        }
        var few = Judge("job failure rate", "below 5 %", Records.Of("worker", 20, Records.Jobs(completed: 99, unknown: 1)));
        Assert.That((few.Verdict, few.Observed), Is.EqualTo((Verdict.Pass, 0.0)), "a few unknown fates are left out, not failed");
    }

    [Test]
    public void Timed_out_jobs_fail_the_success_rate_and_the_backlog_they_started_behind_is_quoted()
    {
        var record = Records.Of("worker", 20, Records.Jobs(completed: 3, timedOut: 9, window: 15), backlog: new QueueBacklog(0, 57, 5, null));
        var success = Judge("job success rate", "above 95 %", record);
        Assert.That(success.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(success.Evidence, Does.Contain("9 timed out").And.Contain("started behind 57 jobs queued by earlier tests"));
    }

    [Test]
    public void Not_measured_ranks_above_warn_and_below_fail()
    {
        Assert.That(MangaMotion.Acceptance.Verdicts.Verdicts.Worst([Verdict.Pass, Verdict.NotMeasured, Verdict.Warn]), Is.EqualTo(Verdict.NotMeasured));
        Assert.That(MangaMotion.Acceptance.Verdicts.Verdicts.Worst([Verdict.Fail, Verdict.NotMeasured]), Is.EqualTo(Verdict.Fail));
        Assert.That(Verdict.NotMeasured.Label(), Is.EqualTo("NOT_MEASURED"));
    }
}
