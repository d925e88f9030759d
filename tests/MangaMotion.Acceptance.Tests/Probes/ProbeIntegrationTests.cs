using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Load.Running;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Stack;
using MangaMotion.Acceptance.Target;
using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Probes;

/// <summary>Every probe against the embedded stack's real servers; each fault moves the value it should.</summary>
public sealed class ProbeIntegrationTests : EmbeddedStackFixture
{
    private ProbeSet _probes = null!;
    private TargetEndpoints _target = null!;

    protected override EmbeddedStackOptions Options => new() { PostgresMaxConnections = 40 };

    protected override Task OnStartedAsync()
    {
        _target = TargetEndpoints.FromStackSettings(Stack.Settings);
        _probes = new ProbeSet(_target, "probetest", Stack.Processes.ToDictionary(p => p.Key, p => p.Value.Id), new HashSet<string>());
        return Task.CompletedTask;
    }

    protected override async Task OnStoppingAsync() => await _probes.DisposeAsync();

    private async Task<ProbeSample> Read(IProbe probe)
    {
        var sample = await ProbeRunner.SampleAsync(probe, 0, TimeSpan.FromSeconds(5), _probes.Secrets);
        Assert.That(sample.Error, Is.Null);
        return sample;
    }

    private IProbe Probe(string name) => _probes.All.Single(p => p.Name == name);

    [Test]
    public async Task Each_probe_reads_its_component()
    {
        await Client.UploadJobAsync();
        var api = await Read(Probe("api"));
        Assert.That(api.Values["metrics.counters.upload_requests_total"], Is.GreaterThanOrEqualTo(1));
        Assert.That(api.Values["health.healthy"], Is.EqualTo(1));
        var pg = await Read(_probes.Postgres);
        Assert.That(pg.Values["max_connections"], Is.EqualTo(40));
        Assert.That(pg.Values["connections"], Is.GreaterThan(0));
        var redis = await Read(_probes.Redis);
        Assert.That(redis.Values.Keys, Is.SupersetOf(new[] { "ping_ms", "queue_depth", "ops_per_sec", "used_memory_bytes", "connected_clients" }));
        var s3 = await Read(_probes.S3);
        Assert.That(s3.Values["live"], Is.EqualTo(1));
        Assert.That(s3.Values.Keys, Is.SupersetOf(new[] { "put_ms", "get_ms", "delete_ms" }));
        Assert.That(s3.Details, Has.Some.Contains("bucket HEAD"), "Swift serves no /minio/health/live: the probe says how it judged liveness");
        var resources = Probe("resources");
        await Read(resources);
        await Task.Delay(300);
        var second = await Read(resources);
        Assert.That(second.Values.Keys, Is.SupersetOf(new[] { "cpu_percent", "memory_percent", "process.api.cpu_percent", "process.worker.rss_bytes", "process.postgres.up" }));
    }

    [Test]
    public async Task A_held_lock_is_seen_as_a_lock_wait_with_the_blocking_pid()
    {
        await Client.AdminAsync("db/lock", new { seconds = 4, exclusive = true });
        await Task.Delay(300);
        var blocked = Client.StatusAsync("1");
        await Task.Delay(1500);
        var pg = await Read(_probes.Postgres);
        Assert.That(pg.Values["lock_waits"], Is.GreaterThanOrEqualTo(1));
        Assert.That(pg.Values["long_running_queries"], Is.GreaterThanOrEqualTo(1));
        Assert.That(pg.Details, Has.Some.Contains("blocked by pid"));
        await blocked;
    }

    [Test]
    public async Task A_forced_deadlock_grows_the_deadlock_count_by_one_over_the_window()
    {
        var clock = new RunClock();
        await using var sampler = new Sampler([_probes.Postgres], clock, _probes.Secrets, new SamplerOptions { CheapInterval = TimeSpan.FromMilliseconds(250) });
        sampler.Start();
        await Task.Delay(600);
        await Client.AdminAsync("db/deadlock", new { });
        await Task.Delay(1500);
        var series = await sampler.StopAsync();
        Assert.That(series.Growth("postgres", "deadlocks_total"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_filled_queue_shows_its_depth()
    {
        await Client.SetFaultsAsync(new { workersStopped = true });
        await Task.Delay(700);
        await Client.AdminAsync("queue/fill", new { count = 120 });
        Assert.That((await Read(_probes.Redis)).Values["queue_depth"], Is.GreaterThanOrEqualTo(120));
        await Client.Redis.GetDatabase().KeyDeleteAsync(Client.Setting("QUEUE_KEY"));
    }

    [Test]
    public async Task Exhausted_connections_bring_the_count_near_max_connections()
    {
        // The probe's own connection is made first: an exhausted server would refuse it too.
        var probe = new PostgresProbe(_target.Postgres, TimeSpan.FromSeconds(1));
        await Client.AdminAsync("db/exhaust", new { connections = 34, seconds = 4 });
        var sample = await ProbeRunner.SampleAsync(probe, 0, TimeSpan.FromSeconds(5), _probes.Secrets);
        if (sample.Ok) Assert.That(sample.Values["connections_used_ratio"], Is.GreaterThanOrEqualTo(0.85));
        else Assert.That(sample.Error, Does.Contain("too many clients").Or.Contain("53300"), "refused for the same reason the application would be");
    }

    [Test]
    public async Task The_sampler_stamps_samples_on_the_engines_clock_and_reports_its_cost()
    {
        var clock = new RunClock();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await using var sampler = new Sampler(_probes.All, clock, _probes.Secrets, new SamplerOptions { HeavyInterval = TimeSpan.FromSeconds(1) });
        sampler.Start();
        await Task.Delay(2500);
        var series = await sampler.StopAsync();
        var cpuShare = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / clock.Elapsed.TotalSeconds;
        Assert.That(series.Samples.Select(s => s.Probe).Distinct(), Is.EquivalentTo(new[] { "api", "postgres", "redis", "s3", "resources", "prometheus" }));
        Assert.That(series.Samples.Where(s => s.Probe == "redis").Count(), Is.InRange(2, 4));
        Assert.That(series.Samples.All(s => s.T >= 0 && s.T <= clock.Elapsed.TotalSeconds), Is.True);
        // Above 1 when probes overlap on a busy machine: a share of the test's time, not of a core.
        Assert.That(series.SamplerBusyShare, Is.GreaterThan(0));
        TestContext.Progress.WriteLine($"sampler: busy {series.SamplerBusyShare:P1} of the time (waiting included), CPU {cpuShare:P1} of one core (this process, sampler only; heavy probes every second here)");
    }

    [Test]
    public async Task Readiness_gives_one_line_per_component_and_skipped_ones_are_not_passed()
    {
        var lines = await ReadinessCheck.RunAsync(_probes.All, new HashSet<string> { "s3" }, _probes.Secrets, TimeSpan.FromSeconds(5));
        Assert.That(lines.Select(l => (l.Component, l.State)), Is.EqualTo(new[]
        {
            ("api", ReadinessState.Ok), ("redis", ReadinessState.Ok), ("s3", ReadinessState.NotChecked), ("postgres", ReadinessState.Ok),
        }));
        Assert.That(lines[2].ToString(), Does.Contain("not checked"));
    }

    [Test]
    public async Task Configuration_facts_are_reported_beside_the_guides_advice()
    {
        var facts = await ConfigurationFacts.ReadAsync(_probes.Postgres, _probes.Redis, CancellationToken.None);
        Assert.That(facts.Single(f => f.Name == "max_connections"), Is.EqualTo(new ConfigurationFact("postgres", "max_connections", "40",
            "raise toward 200 if the pool is exhausted (POSTGRES_INIT_ARGS: -c max_connections=200)", true)));
        Assert.That(facts.Where(f => f.Name.StartsWith("index on")).Select(f => f.Value), Is.All.EqualTo("present"));
        Assert.That(facts.Single(f => f.Name == "maxmemory-policy").DiffersFromGuide, Is.True);
    }

    [Test]
    public async Task Cleanup_removes_only_the_runs_own_rows_and_objects()
    {
        var ours = await Client.UploadJobAsync(TestDataCleanup.UserPrefix("run42") + "-vu1");
        var theirs = await Client.UploadJobAsync("someone-else");
        using var s3 = Client.S3();
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "mm-bucket", Key = "ours.txt", ContentBody = "x", UseChunkEncoding = false });
        var said = await new TestDataCleanup(_target.Postgres, _target.Redis, _target.S3).RemoveRunDataAsync("run42", ["ours.txt"], [], CancellationToken.None);
        Assert.That(said[0], Does.Contain("removed 1 job rows"));
        Assert.That(said[2], Does.Contain("removed 1 of the 1 objects").And.Contain("not removed"), "what it could not remove is said too");
        Assert.That((await Client.StatusAsync(ours)).GetProperty("status").GetString(), Is.EqualTo("not_found"));
        Assert.That((await Client.StatusAsync(theirs)).GetProperty("status").GetString(), Is.Not.EqualTo("not_found"));
    }

    [Test]
    public void Flushing_a_redis_elsewhere_needs_a_second_permission()
    {
        var remote = new TestDataCleanup(_target.Postgres, _target.Redis with { Host = "10.1.2.3" }, _target.S3);
        var e = Assert.ThrowsAsync<InvalidOperationException>(() => remote.FlushRedisIfAllowedAsync(flush: true, remoteAllowed: false))!;
        Assert.That(e.Message, Does.Contain("FLUSH_REMOTE_REDIS"));
        Assert.That(TestDataCleanup.IsLoopback("127.0.0.1") && TestDataCleanup.IsLoopback("localhost") && !TestDataCleanup.IsLoopback("db.example"), Is.True);
    }

    private PrometheusProbe Prometheus(string selector = "", string cpuQuery = "") =>
        new(Client.Http, _target.Prometheus! with { Selector = selector, CpuQuery = cpuQuery, MemoryQuery = "" });

    /// <summary>Waits for a state, not a time: Prometheus needs two scrapes of a group before rate() has a value.</summary>
    private static async Task<ProbeReading> ReadUntilAsync(PrometheusProbe probe, Func<ProbeReading, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var details = new List<string>();
        while (true)
        {
            var reading = await probe.ReadAsync(CancellationToken.None);
            details.AddRange(reading.Details);
            if (done(reading) || DateTime.UtcNow > until) return new ProbeReading(reading.Values, details);
            await Task.Delay(500);
        }
    }

    [Test]
    public async Task The_stacks_prometheus_gives_the_targets_own_cpu_and_memory_from_process_exporter()
    {
        Assert.That(_target.Prometheus?.Url, Is.Not.Null, "the embedded stack names its Prometheus like a deployment would");
        var reading = await ReadUntilAsync(Prometheus(_target.Prometheus!.Selector), r => r.Values.ContainsKey(ResourceProbe.TargetCpu) && r.Values.ContainsKey(ResourceProbe.TargetMemory));
        Assert.That(reading.Values.Keys, Is.SupersetOf(new[] { ResourceProbe.TargetCpu, ResourceProbe.TargetMemory }));
        Assert.That(reading.Values[ResourceProbe.TargetMemory], Is.GreaterThan(0).And.LessThan(100));
        Assert.That(reading.Details.Single(), Does.StartWith("source: process-exporter through Prometheus"));
    }

    [Test]
    public async Task A_prometheus_scraping_node_exporter_gives_the_machines_figures_and_a_refused_query_is_quoted()
    {
        var reading = await ReadUntilAsync(Prometheus("job=\"node\""), r => r.Values.ContainsKey(ResourceProbe.TargetCpu));
        Assert.That(reading.Details.Single(), Does.StartWith("source: node_exporter through Prometheus"));
        Assert.That(reading.Values[ResourceProbe.TargetCpu], Is.InRange(0, 100));
        // Judged from it, as an external target's run would be: the evidence names the source, its detail the exporter and queries.
        var record = MangaMotion.Acceptance.Tests.Verdicts.Records.Of("bottleneck", 10, samples: [new ProbeSample(1, "prometheus", reading.Values, reading.Details, null, 1)]);
        var cpu = MangaMotion.Acceptance.Verdicts.CriteriaBook.Judge(new MangaMotion.Acceptance.Verdicts.CriteriaRow("CPU usage", "below 80 %"), record);
        Assert.That(cpu.Verdict, Is.AnyOf(MangaMotion.Acceptance.Verdicts.Verdict.Pass, MangaMotion.Acceptance.Verdicts.Verdict.Fail));
        Assert.That(cpu.Evidence, Does.Contain("source: the deployment's Prometheus"));
        Assert.That(cpu.Detail, Does.StartWith("source: node_exporter through Prometheus"));
        var broken = Assert.ThrowsAsync<InvalidOperationException>(() => Prometheus(cpuQuery: "sum(rate(").ReadAsync(CancellationToken.None))!;
        Assert.That(broken.Message, Does.StartWith("Prometheus refused 'sum(rate('"));
    }
}
