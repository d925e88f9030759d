using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MangaMotion.Acceptance.Stack;
using Npgsql;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>Each fault of the embedded stack, switched on and seen through PostgreSQL, Redis, S3 or HTTP.</summary>
public sealed class StackFaultTests : EmbeddedStackFixture
{
    protected override EmbeddedStackOptions Options => new() { PostgresMaxConnections = 40 };

    private async Task Faults(object faults)
    {
        await Client.SetFaultsAsync(faults);
        await Task.Delay(700);
    }

    [Test]
    public async Task Added_latency_slows_the_endpoint()
    {
        await Faults(new { endpoints = new { status = new { latencyMs = 400 } } });
        var clock = Stopwatch.StartNew();
        await Client.StatusAsync("1");
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390)));
    }

    [Test]
    public async Task An_error_rate_makes_the_endpoint_answer_500()
    {
        await Faults(new { endpoints = new { upload = new { errorRate = 1.0 } } });
        using var response = await Client.UploadAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task Stopped_workers_leave_jobs_waiting_and_the_queue_grows()
    {
        await Faults(new { workersStopped = true });
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++) jobs.Add(await Client.UploadJobAsync());
        await Task.Delay(500);
        Assert.That((await Client.StatusAsync(jobs[0])).GetProperty("status").GetString(), Is.EqualTo("waiting"));
        Assert.That(await Client.Redis.GetDatabase().ListLengthAsync(Client.Setting("QUEUE_KEY")), Is.GreaterThanOrEqualTo(3));
        var filled = await Client.AdminAsync("queue/fill", new { count = 50 });
        Assert.That(filled.GetProperty("length").GetInt64(), Is.GreaterThanOrEqualTo(53));
        await Client.ClearFaultsAsync();
        Assert.That((await Client.WaitForJobAsync(jobs[0], TimeSpan.FromSeconds(30))).GetProperty("status").GetString(), Is.EqualTo("completed"), "workers resume");
    }

    [Test]
    public async Task A_failing_worker_fails_jobs_with_a_reason()
    {
        await Faults(new { workerFailureRate = 1.0 });
        var status = await Client.WaitForJobAsync(await Client.UploadJobAsync(), TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(status.GetProperty("failedReason").GetString(), Does.Contain("injected worker failure"));
    }

    [Test]
    public async Task A_slow_worker_takes_longer_per_job()
    {
        await Faults(new { workerDelayMs = 1500 });
        var clock = Stopwatch.StartNew();
        var status = await Client.WaitForJobAsync(await Client.UploadJobAsync(), TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1400)));
    }

    [Test]
    public async Task A_known_upload_capacity_serves_one_upload_at_a_time_for_its_service_time()
    {
        // One slot, 100 ms mean: 30 uploads sent at once take the sum of 30 exponential service times, 3 s on
        // average; below 1.5 s has a chance of about 1 in 10,000 (Gamma(30) below 15). A busy machine only adds.
        await Faults(new { uploadCapacity = new { slots = 1, meanServiceMs = 100 } });
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Client.UploadAsync()));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5)), "uploads waited for the one slot");
    }

    [Test]
    public async Task A_worker_rate_spaces_the_jobs()
    {
        await Faults(new { workerJobsPerSecond = 5.0 });
        var jobs = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.UploadJobAsync()));
        var clock = Stopwatch.StartNew();
        foreach (var job in jobs)
            Assert.That((await Client.WaitForJobAsync(job, TimeSpan.FromSeconds(60))).GetProperty("status").GetString(), Is.EqualTo("completed"));
        // Ten jobs at five per second: the last starts at least 1.8 s after the first (some may have started before the clock).
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.2)));
    }

    [Test]
    public async Task A_held_lock_shows_as_lock_waits_in_pg_locks()
    {
        await Client.AdminAsync("db/lock", new { seconds = 4, exclusive = true });
        await Task.Delay(500);
        var blocked = Client.StatusAsync("1");
        await Task.Delay(700);
        Assert.That(await Client.ScalarAsync("SELECT count(*) FROM pg_locks WHERE NOT granted"), Is.GreaterThanOrEqualTo(1));
        Assert.That(await Client.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mm-fault-lock'"), Is.EqualTo(1));
        Assert.That(blocked.IsCompleted, Is.False, "a status query waits behind the lock");
        await blocked;
    }

    [Test]
    public async Task A_forced_deadlock_counts_in_pg_stat_database()
    {
        const string Deadlocks = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()";
        var before = await Client.ScalarAsync(Deadlocks);
        var outcome = await Client.AdminAsync("db/deadlock", new { });
        Assert.That(outcome.GetProperty("outcome").GetString(), Does.Contain("deadlock detected"));
        await Task.Delay(800); // statistics reach pg_stat_database asynchronously
        Assert.That(await Client.ScalarAsync(Deadlocks) - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Exhausted_connections_fill_pg_stat_activity_and_refuse_new_ones()
    {
        var opened = await Client.AdminAsync("db/exhaust", new { connections = 1000, seconds = 5 });
        Assert.That(opened.GetProperty("opened").GetInt32(), Is.GreaterThan(20));
        var ex = Assert.ThrowsAsync<PostgresException>(async () => await Client.ScalarAsync("SELECT 1"));
        Assert.That(ex!.SqlState, Is.EqualTo(PostgresErrorCodes.TooManyConnections));
    }

    [Test]
    public async Task Object_storage_faults_slow_and_fail_presigned_puts()
    {
        await Faults(new { endpoints = new { s3 = new { latencyMs = 300, errorRate = 1.0, errorStatus = 503 } } });
        using var presign = await Client.Http.PostAsJsonAsync("/api/presign", new { filename = "p.jpg", contentType = "image/jpeg", fileSizeBytes = 100 });
        var url = (await presign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        var clock = Stopwatch.StartNew();
        using var put = await Client.Http.PutAsync(url, new ByteArrayContent(new byte[100]) { Headers = { ContentType = new("image/jpeg") } });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
    }
}
