using MangaMotion.Acceptance.Tests.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Specs;

/// <summary>
/// A deployment named with a password in its URL, as a user might write it: the run uses it and leaves
/// the password in no file of its run folder (results.json, sign-off pages, logs, living doc, Cucumber
/// messages) and nowhere in its console output.
/// </summary>
public sealed class SecretsStayHiddenTests : EmbeddedStackFixture
{
    [Test]
    public async Task A_password_in_the_base_url_appears_in_no_report_and_no_output()
    {
        const string password = "distinctive-pw-5521";
        var url = new UriBuilder(Stack.Settings["BASE_URL"]) { UserName = "ops", Password = password }.Uri.ToString();
        var settings = Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["BASE_URL"] = url;
        settings["DURATION"] = "5s";
        var run = await SpecRun.RunAsync("checklist|Category=presign", settings, null, TimeSpan.FromMinutes(4));
        Assert.That(run.Results.GetProperty("tests").GetArrayLength(), Is.EqualTo(1), "the presign test ran against the deployment\n" + run.Run.Output);
        Assert.That(run.Files, Does.Contain("presign.log").And.Contain("living-doc.html"));
        Assert.That(run.EveryReport, Does.Not.Contain(password), "no file of the run folder holds the password");
        Assert.That(run.Run.Output, Does.Not.Contain(password), "the console output does not show it");
        Assert.That(run.EveryReport, Does.Contain("ops:****@127.0.0.1"), "the URL is still shown, its password masked");
    }
}
