using MangaMotion.Acceptance.Settings;
using NUnit.Framework;
using Reqnroll;

namespace MangaMotion.Acceptance.Specs;

[Binding]
public sealed class SettingsSteps(SettingsAttempt attempt)
{
    [Given("no settings are given")]
    public void GivenNoSettings()
    {
    }

    [Given("the setting {word} is {string}")]
    public void GivenTheSetting(string name, string value) => attempt.Give(name, value);

    [When("the settings are read")]
    public void WhenTheSettingsAreRead() => attempt.Read();

    [Then("the settings are")]
    public void ThenTheSettingsAre(Table expected)
    {
        foreach (var row in expected.Rows) Assert.That(attempt.Shown(row["setting"]), Is.EqualTo(row["value"]), row["setting"]);
    }

    [Then("the target is the embedded reference stack")]
    public void ThenTheTargetIsEmbedded() => Assert.That(attempt.Accepted.UsesEmbeddedStack, Is.True);

    [Then("the target is {string}")]
    public void ThenTheTargetIs(string url) => Assert.That(attempt.Accepted.BaseUrl, Is.EqualTo(new Uri(url)));

    [Then("the settings are refused, naming {word} and accepting {string}")]
    public void ThenRefused(string name, string accepted) =>
        Assert.That(attempt.Refused.Errors, Has.Some.Matches<SettingError>(e => e.Name == name && e.Accepted.StartsWith(accepted, StringComparison.Ordinal)),
            attempt.Refused.Message);

    [Then("the setting {word} is shown as {string}")]
    public void ThenShownAs(string name, string shown) => Assert.That(attempt.Shown(name), Is.EqualTo(shown));
}
