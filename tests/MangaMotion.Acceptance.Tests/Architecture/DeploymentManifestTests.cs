using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Architecture;

/// <summary>
/// The cluster manifests checked offline, as no cluster is reachable here: kubectl's own kustomize
/// builds them, and deploy/kubernetes/check_manifests.py reads every object against the Kubernetes
/// API's models (python3-kubernetes) and the suite's rules for an Indexed Job of agents.
/// </summary>
public sealed class DeploymentManifestTests
{
    private static readonly string Folder = Path.Combine(ChildProcess.RepositoryRoot(), "deploy", "kubernetes");
    private static readonly string[] Manifests = ["settings.yaml", "secrets.yaml", "agents-job.yaml"];

    private static Task<ChildResult> Check(params string[] files) =>
        ChildProcess.RunAsync("/usr/bin/python3", [Path.Combine(Folder, "check_manifests.py"), .. files], Folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));

    [Test]
    public async Task The_manifests_pass_the_kubernetes_schema_and_the_suites_rules()
    {
        var result = await Check(Manifests);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("checked batch/v1 Job mangamotion-acceptance-").And.Contain("checked v1 ConfigMap mangamotion-acceptance-settings"));
    }

    [Test]
    public async Task Kubectl_builds_the_settings_kustomization_offline()
    {
        var result = await ChildProcess.RunAsync("kubectl", ["kustomize", Folder], Folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("name: mangamotion-acceptance-settings").And.Contain("name: mangamotion-acceptance-secrets"));
    }

    [Test]
    public async Task A_broken_job_is_refused_naming_each_problem()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"agents-job-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Path.Combine(Folder, "agents-job.yaml")))
            .Replace("completions: 3", "completions: 2").Replace("backoffLimit: 0", "backofLimit: 0").Replace("completionMode: Indexed", "completionMode: NonIndexed"));
        try
        {
            var result = await Check("settings.yaml", broken);
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Contain("spec.backofLimit: not a field of V1JobSpec")
                .And.Contain("completions (2) and parallelism (3) must both equal AGENTS (3)")
                .And.Contain("completionMode must be Indexed"));
        }
        finally { File.Delete(broken); }
    }
}
