using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Verdicts;

/// <summary>CPU and memory judged on the target only, and database criteria only where the application used the database.</summary>
public sealed class TargetResourceTests
{
    private static ProbeSample Sample(double t, string probe, params (string Key, double Value)[] values) =>
        new(t, probe, values.ToDictionary(v => v.Key, v => v.Value), [], null, 1);

    private static CriterionResult Judge(string name, string threshold, params ProbeSample[] samples) =>
        CriteriaBook.Judge(new CriteriaRow(name, threshold), Records.Of("bottleneck", 10, samples: samples));

    [Test]
    public void The_machine_running_the_suite_is_never_judged_as_the_target()
    {
        var busy = Judge("CPU usage", "below 80 %", Sample(1, "resources", ("cpu_percent", 99), ("memory_percent", 50)));
        Assert.That(busy.Verdict, Is.EqualTo(Verdict.NotMeasured));
        Assert.That(busy.Evidence, Does.Contain("PROMETHEUS_URL").And.Contain("TARGET_PROCESSES").And.Contain("load generator").And.Contain("99 %, not judged"));
    }

    [Test]
    public void The_targets_processes_are_judged_and_the_evidence_names_them_and_the_source()
    {
        var cpu = Judge("CPU usage", "below 80 %",
            Sample(1, "resources", ("cpu_percent", 99), (ResourceProbe.TargetCpu, 35), ("process.api.up", 1), ("process.worker.up", 1)),
            Sample(2, "resources", ("cpu_percent", 97), (ResourceProbe.TargetCpu, 41), ("process.api.up", 1), ("process.worker.up", 1)));
        Assert.That((cpu.Verdict, cpu.Observed), Is.EqualTo((Verdict.Pass, 41.0)));
        Assert.That(cpu.Evidence, Does.Contain("the target's processes on this machine").And.Contain("api, worker"));
        var containers = Judge("memory usage", "below 85 %", Sample(1, "containers", (ResourceProbe.TargetMemory, 90)), Sample(1, "resources", (ResourceProbe.TargetMemory, 10)));
        Assert.That((containers.Verdict, containers.Evidence), Is.EqualTo((Verdict.Fail, containers.Evidence)));
        Assert.That(containers.Evidence, Does.Contain("Docker"), "the containers come before this machine's processes");
        var prometheus = Judge("CPU usage", "below 80 %", Sample(1, "resources", (ResourceProbe.TargetCpu, 90)),
            new ProbeSample(1, "prometheus", new Dictionary<string, double> { [ResourceProbe.TargetCpu] = 30 }, ["source: node_exporter through Prometheus at http://prom:9090/"], null, 1));
        Assert.That((prometheus.Verdict, prometheus.Observed), Is.EqualTo((Verdict.Pass, 30.0)));
        Assert.That(prometheus.Evidence, Does.Contain("the deployment's Prometheus").And.Not.Contain("through Prometheus at"), "the evidence a stakeholder reads");
        Assert.That(prometheus.Detail, Is.EqualTo("source: node_exporter through Prometheus at http://prom:9090/"), "how, behind a disclosure");
    }

    [Test]
    public void Database_criteria_do_not_apply_where_the_application_held_no_session()
    {
        var unused = new[] { Sample(1, "postgres", (DatabaseUse.AppConnections, 0), ("deadlocks_total", 3), ("connections_used_ratio", 0.1), ("max_connections", 100)),
                             Sample(2, "postgres", (DatabaseUse.AppConnections, 0), ("deadlocks_total", 3), ("connections_used_ratio", 0.1), ("max_connections", 100)) };
        foreach (var (name, threshold) in new[] { ("deadlocks", "at most 0 deadlocks"), ("connection pool use", "below 100 %") })
        {
            var result = Judge(name, threshold, unused);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.NotApplicable), name);
            Assert.That(result.Evidence, Does.Contain("held no PostgreSQL session in 2 samples"));
        }
        var used = Judge("deadlocks", "at most 0 deadlocks", Sample(1, "postgres", (DatabaseUse.AppConnections, 4), ("deadlocks_total", 3)), Sample(2, "postgres", (DatabaseUse.AppConnections, 4), ("deadlocks_total", 5)));
        Assert.That((used.Verdict, used.Observed), Is.EqualTo((Verdict.Fail, 2.0)));
    }

    [Test]
    public void Not_applicable_never_hides_a_failure_and_alone_is_no_failure()
    {
        Assert.That(MangaMotion.Acceptance.Verdicts.Verdicts.Worst([Verdict.NotApplicable, Verdict.Pass]), Is.EqualTo(Verdict.Pass));
        Assert.That(MangaMotion.Acceptance.Verdicts.Verdicts.Worst([Verdict.NotApplicable, Verdict.Fail]), Is.EqualTo(Verdict.Fail));
        Assert.That(Verdict.NotApplicable.Label(), Is.EqualTo("NOT_APPLICABLE"));
    }

    [Test]
    public void Storage_criteria_do_not_apply_when_no_s3_request_was_made()
    {
        foreach (var name in new[] { "S3 upload success rate", "S3 upload P95 latency" })
        {
            var result = CriteriaBook.Judge(new CriteriaRow(name, name.Contains("P95") ? "below 10 s" : "above 95 %"), Records.Of("presign", 10));
            Assert.That(result.Verdict, Is.EqualTo(Verdict.NotApplicable), name);
            Assert.That(result.Evidence, Does.Contain("no S3 request was made"));
        }
    }
}
