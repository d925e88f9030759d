using MangaMotion.Acceptance.Bridge;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Bridge;

public sealed class ScenarioPlannerTests
{
    private const string Feature = """"
        @area
        Feature: Uploads
          Background:
            Given a deployment

          @fast
          Scenario: One upload
            When I upload 1 page
            Then it is accepted

          Scenario Outline: Many uploads
            When I upload <pages> pages
            Then it is <verdict>

            @small
            Examples: few
              | pages | verdict  |
              | 1     | accepted |
            Examples: too many
              | pages | verdict  |
              | 51    | refused  |

          @rules
          Rule: Limits
            Background:
              Given a tight limit

            Scenario: Burst
              When I upload
                | page   |
                | a.jpg  |
              * the answer mentions
                """
                retryAfter
                """
              But it is refused
        """";

    private static IReadOnlyList<ScenarioPlan> Plans() => ScenarioPlanner.Plan(FeatureParser.Parse("features/Uploads.feature", Feature));

    [Test]
    public void Every_scenario_and_example_row_is_its_own_plan_in_pickle_order()
    {
        Assert.That(Plans().Select(p => p.DisplayName), Is.EqualTo(new[]
        {
            "One upload",
            "Many uploads(pages: 1, verdict: accepted)",
            "Many uploads(pages: 51, verdict: refused)",
            "Burst",
        }));
        Assert.That(Plans().Select(p => p.PickleIndex), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Example_values_are_substituted_and_kept_as_arguments()
    {
        var row = Plans()[2];
        Assert.That(row.Steps.Select(s => s.ToString()), Is.EqualTo(new[] { "Given a deployment", "When I upload 51 pages", "Then it is refused" }));
        Assert.That(row.Arguments["pages"], Is.EqualTo("51"));
    }

    [Test]
    public void Tags_from_feature_rule_scenario_and_examples_become_categories_without_the_at_sign()
    {
        var plans = Plans();
        Assert.That(plans[0].Categories, Is.EquivalentTo(new[] { "area", "fast" }));
        Assert.That(plans[1].Categories, Is.EquivalentTo(new[] { "area", "small" }));
        Assert.That(plans[2].Categories, Is.EquivalentTo(new[] { "area" }));
        Assert.That(plans[3].Categories, Is.EquivalentTo(new[] { "area", "rules" }));
        Assert.That(plans[1].Tags, Is.EqualTo(new[] { "small" }));
    }

    [Test]
    public void Rule_background_runs_after_the_feature_background_with_arguments_and_keyword_kinds()
    {
        var burst = Plans()[3];
        Assert.That(burst.Rule?.Title, Is.EqualTo("Limits"));
        Assert.That(burst.Steps.Select(s => (s.Kind, s.Text)), Is.EqualTo(new[]
        {
            (StepKind.Given, "a deployment"), (StepKind.Given, "a tight limit"), (StepKind.When, "I upload"),
            (StepKind.And, "the answer mentions"), (StepKind.But, "it is refused"),
        }));
        Assert.That(burst.Steps[2].Table!.Rows.Select(r => r.Cells[0].Value), Is.EqualTo(new[] { "page", "a.jpg" }));
        Assert.That(burst.Steps[3].DocString, Is.EqualTo("retryAfter"));
    }

    [Test]
    public void Ignore_tag_marks_a_plan_ignored()
    {
        var plans = ScenarioPlanner.Plan(FeatureParser.Parse("f.feature", "Feature: F\n  @ignore\n  Scenario: S\n    Given x\n"));
        Assert.That(plans.Single().IsIgnored, Is.True);
    }

    [Test]
    public void A_syntax_error_names_the_file_and_line()
    {
        var parsed = FeatureParser.Parse("features/Bad.feature", "Feature: F\n  Scenario: S\n    Given x\n  what is this\n");
        Assert.That(parsed.IsValid, Is.False);
        Assert.That(parsed.ParseError, Does.StartWith("features/Bad.feature line 4"));
    }

    [Test]
    public void Message_ids_differ_between_files_so_formatters_never_mix_features_up()
    {
        var a = FeatureParser.Parse("features/A.feature", "Feature: F\n  Scenario: S\n    Given x\n");
        var b = FeatureParser.Parse("features/B.feature", "Feature: F\n  Scenario: S\n    Given x\n");
        Assert.That(a.Pickles[0].Id, Is.Not.EqualTo(b.Pickles[0].Id));
        Assert.That(FeatureParser.Parse("features/A.feature", "Feature: F\n  Scenario: S\n    Given x\n").Pickles[0].Id, Is.EqualTo(a.Pickles[0].Id));
    }
}
