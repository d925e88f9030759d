using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Settings;

/// <summary>The distributed mode's settings: an Indexed Job's index as the default, and every inconsistency refused before any load.</summary>
public sealed class AgentSettingsTests
{
    private static SuiteSettings Read(params (string Name, string Value)[] values) =>
        SettingsReader.Read(values.ToDictionary(v => v.Name, v => (string?)v.Value));

    private static readonly (string, string)[] Cluster =
        [("AGENTS", "3"), ("RUN_ID", "rel-42"), ("RESULTS_URI", "s3://results/mangamotion"), ("BASE_URL", "http://api.staging:3000"), ("CONFIRM_TARGET", "api.staging")];

    private static string Refusal(params (string, string)[] values) => Assert.Throws<InvalidSettingsException>(() => Read(values))!.Message;

    [Test]
    public void One_agent_is_the_default_and_a_single_machines_run()
    {
        var a = Read().Agents;
        Assert.That((a.Count, a.Index, a.Distributed, a.Leads), Is.EqualTo((1, 0, false, true)));
    }

    [Test]
    public void The_index_defaults_to_the_indexed_jobs_completion_index()
    {
        var a = Read([.. Cluster, ("JOB_COMPLETION_INDEX", "2")]).Agents;
        Assert.That((a.Count, a.Index, a.RunId, a.ResultsUri), Is.EqualTo((3, 2, "rel-42", "s3://results/mangamotion")));
        Assert.That(Read([.. Cluster, ("JOB_COMPLETION_INDEX", "2"), ("AGENT_INDEX", "1")]).Agents.Index, Is.EqualTo(1), "AGENT_INDEX wins");
    }

    [Test]
    public void An_index_outside_the_agents_is_refused_naming_both_settings() =>
        Assert.That(Refusal([.. Cluster, ("AGENT_INDEX", "3")]), Does.Contain("AGENT_INDEX").And.Contain("must be below AGENTS (3)").And.Contain("from 0 to 2"));

    [Test]
    public void Several_agents_need_a_run_id_a_results_store_and_one_deployment()
    {
        var message = Refusal(("AGENTS", "2"));
        Assert.That(message, Does.Contain("RUN_ID").And.Contain("is needed when AGENTS is 2"));
        Assert.That(message, Does.Contain("RESULTS_URI").And.Contain("s3://bucket/prefix"));
        Assert.That(message, Does.Contain("BASE_URL").And.Contain("every agent must load the same deployment"));
    }

    [Test]
    public void A_results_uri_that_is_neither_s3_nor_a_folder_is_refused([Values("results", "http://minio:9000/b", "s3:///nobucket")] string uri) =>
        Assert.That(Refusal([.. Cluster.Where(c => c.Item1 != "RESULTS_URI"), ("RESULTS_URI", uri)]), Does.Contain("RESULTS_URI").And.Contain("is not an s3:// URI or an absolute folder"));

    [Test]
    public void A_merge_needs_only_the_run_and_its_store()
    {
        var a = Read(("MERGE_ONLY", "true"), ("RUN_ID", "rel-42"), ("RESULTS_URI", "/shared/results")).Agents;
        Assert.That((a.MergeOnly, a.Distributed, a.Leads), Is.EqualTo((true, true, true)));
        Assert.That(Refusal(("MERGE_ONLY", "true"), ("RESULTS_URI", "/shared/results")), Does.Contain("RUN_ID").And.Contain("is needed when merging a run's results"));
    }
}
