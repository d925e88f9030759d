using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MangaMotion.Acceptance.Stack;
using Npgsql;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>Each fault of the embedded stack, switched on and seen through PostgreSQL, Redis, S3 or HTTP.</summary>
[NonParallelizable, Category("stack")]
public sealed class StackFaultTests
{
    private EmbeddedStack _stack = null!;
    private StackClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _stack = await EmbeddedStack.StartAsync(new EmbeddedStackOptions { PostgresMaxConnections = 40 });
        _client = new StackClient(_stack);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _stack.DisposeAsync();
    }

    [TearDown]
    public Task Reset() => _client.ClearFaultsAsync();

    private async Task Faults(object faults)
    {
        await _client.SetFaultsAsync(faults);
        await Task.Delay(700);
    }

    [Test]
    public async Task Added_latency_slows_the_endpoint()
    {
        await Faults(new { endpoints = new { status = new { latencyMs = 400 } } });
        var clock = Stopwatch.StartNew();
        await _client.StatusAsync("1");
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390)));
    }

    [Test]
    public async Task An_error_rate_makes_the_endpoint_answer_500()
    {
        await Faults(new { endpoints = new { upload = new { errorRate = 1.0 } } });
        using var response = await _client.UploadAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task Stopped_workers_leave_jobs_waiting_and_the_queue_grows()
    {
        await Faults(new { workersStopped = true });
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++) jobs.Add(await _client.UploadJobAsync());
        await Task.Delay(500);
        Assert.That((await _client.StatusAsync(jobs[0])).GetProperty("status").GetString(), Is.EqualTo("waiting"));
        Assert.That(await _client.Redis.GetDatabase().ListLengthAsync(_client.Setting("QUEUE_KEY")), Is.GreaterThanOrEqualTo(3));
        var filled = await _client.AdminAsync("queue/fill", new { count = 50 });
        Assert.That(filled.GetProperty("length").GetInt64(), Is.GreaterThanOrEqualTo(53));
        await _client.ClearFaultsAsync();
        Assert.That((await _client.WaitForJobAsync(jobs[0], TimeSpan.FromSeconds(30))).GetProperty("status").GetString(), Is.EqualTo("completed"), "workers resume");
    }

    [Test]
    public async Task A_failing_worker_fails_jobs_with_a_reason()
    {
        await Faults(new { workerFailureRate = 1.0 });
        var status = await _client.WaitForJobAsync(await _client.UploadJobAsync(), TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(status.GetProperty("failedReason").GetString(), Does.Contain("injected worker failure"));
    }

    [Test]
    public async Task A_slow_worker_takes_longer_per_job()
    {
        await Faults(new { workerDelayMs = 1500 });
        var clock = Stopwatch.StartNew();
        var status = await _client.WaitForJobAsync(await _client.UploadJobAsync(), TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1400)));
    }

    [Test]
    public async Task A_held_lock_shows_as_lock_waits_in_pg_locks()
    {
        await _client.AdminAsync("db/lock", new { seconds = 4, exclusive = true });
        await Task.Delay(500);
        var blocked = _client.StatusAsync("1");
        await Task.Delay(700);
        Assert.That(await _client.ScalarAsync("SELECT count(*) FROM pg_locks WHERE NOT granted"), Is.GreaterThanOrEqualTo(1));
        Assert.That(await _client.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mm-fault-lock'"), Is.EqualTo(1));
        Assert.That(blocked.IsCompleted, Is.False, "a status query waits behind the lock");
        await blocked;
    }

    [Test]
    public async Task A_forced_deadlock_counts_in_pg_stat_database()
    {
        const string Deadlocks = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()";
        var before = await _client.ScalarAsync(Deadlocks);
        var outcome = await _client.AdminAsync("db/deadlock", new { });
        Assert.That(outcome.GetProperty("outcome").GetString(), Does.Contain("deadlock detected"));
        await Task.Delay(800); // statistics reach pg_stat_database asynchronously
        Assert.That(await _client.ScalarAsync(Deadlocks) - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Exhausted_connections_fill_pg_stat_activity_and_refuse_new_ones()
    {
        var opened = await _client.AdminAsync("db/exhaust", new { connections = 1000, seconds = 5 });
        Assert.That(opened.GetProperty("opened").GetInt32(), Is.GreaterThan(20));
        var ex = Assert.ThrowsAsync<PostgresException>(async () => await _client.ScalarAsync("SELECT 1"));
        Assert.That(ex!.SqlState, Is.EqualTo(PostgresErrorCodes.TooManyConnections));
    }

    [Test]
    public async Task Object_storage_faults_slow_and_fail_presigned_puts()
    {
        await Faults(new { endpoints = new { s3 = new { latencyMs = 300, errorRate = 1.0, errorStatus = 503 } } });
        using var presign = await _client.Http.PostAsJsonAsync("/api/presign", new { filename = "p.jpg", contentType = "image/jpeg", fileSizeBytes = 100 });
        var url = (await presign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        var clock = Stopwatch.StartNew();
        using var put = await _client.Http.PutAsync(url, new ByteArrayContent(new byte[100]) { Headers = { ContentType = new("image/jpeg") } });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
    }
}
