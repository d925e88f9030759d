using System.Collections.Specialized;
using GherkinDialect = Gherkin.GherkinDialect;
using GherkinDialectProvider = Gherkin.GherkinDialectProvider;
using Io.Cucumber.Messages.Types;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>Maps each pickle of a feature back to its scenario, rule and example row in the AST.</summary>
public static class ScenarioPlanner
{
    public static IReadOnlyList<ScenarioPlan> Plan(ParsedFeature parsed)
    {
        if (!parsed.IsValid) return [];
        var feature = parsed.Feature;
        var index = new AstIndex(feature);
        var dialect = new GherkinDialectProvider("en").GetDialect(feature.Language, null);
        var featureTags = TagNames(feature.Tags);
        return parsed.Pickles.Select((pickle, i) => PlanPickle(i, pickle, index, featureTags, dialect)).ToList();
    }

    private static ScenarioPlan PlanPickle(int pickleIndex, Pickle pickle, AstIndex index, string[] featureTags, GherkinDialect dialect)
    {
        var (scenario, rule) = index.Scenarios[pickle.AstNodeIds[0]];
        var tags = TagNames(scenario.Tags);
        var arguments = new OrderedDictionary();
        if (pickle.AstNodeIds.Count > 1 && index.Rows.TryGetValue(pickle.AstNodeIds[1], out var row))
        {
            // Reqnroll's generated row tests put the examples block's tags before the scenario's own.
            tags = TagNames(row.Examples.Tags).Concat(tags).ToArray();
            var header = row.Examples.TableHeader?.Cells ?? [];
            for (var c = 0; c < header.Count && c < row.Row.Cells.Count; c++)
                arguments[header[c].Value] = row.Row.Cells[c].Value;
        }

        var steps = pickle.Steps.Select(s =>
        {
            var ast = index.Steps[s.AstNodeIds[0]];
            return new PlannedStep(ast.Keyword, KindOf(ast, dialect), s.Text,
                s.Argument?.DocString?.Content, s.Argument?.DataTable);
        }).ToList();

        var ruleSummary = rule is null ? null : new RuleSummary(rule.Name, NullIfEmpty(rule.Description), TagNames(rule.Tags));
        return new ScenarioPlan(pickleIndex, scenario.Name, NullIfEmpty(scenario.Description), tags, featureTags,
            arguments, ruleSummary, steps);
    }

    private static StepKind KindOf(Step step, GherkinDialect dialect) => step.KeywordType switch
    {
        StepKeywordType.CONTEXT => StepKind.Given,
        StepKeywordType.ACTION => StepKind.When,
        StepKeywordType.OUTCOME => StepKind.Then,
        _ when step.Keyword.Trim() != "*" && dialect.ButStepKeywords.Contains(step.Keyword) => StepKind.But,
        _ => StepKind.And, // "And" and "*" continue the previous step's kind
    };

    /// <summary>Tag names without '@', the form Reqnroll's generated code hands to the runtime.</summary>
    internal static string[] TagNames(IEnumerable<Tag>? tags) => tags?.Select(t => t.Name.TrimStart('@')).ToArray() ?? [];

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Lookups from AST node ids (which pickles refer to) to the nodes and their context.</summary>
    private sealed class AstIndex
    {
        public Dictionary<string, (Scenario Scenario, Rule? Rule)> Scenarios { get; } = new();
        public Dictionary<string, (Examples Examples, TableRow Row)> Rows { get; } = new();
        public Dictionary<string, Step> Steps { get; } = new();

        public AstIndex(Feature feature)
        {
            foreach (var child in feature.Children)
            {
                AddBackground(child.Background);
                AddScenario(child.Scenario, null);
                if (child.Rule is null) continue;
                foreach (var ruleChild in child.Rule.Children)
                {
                    AddBackground(ruleChild.Background);
                    AddScenario(ruleChild.Scenario, child.Rule);
                }
            }
        }

        private void AddBackground(Background? background)
        {
            foreach (var step in background?.Steps ?? []) Steps[step.Id] = step;
        }

        private void AddScenario(Scenario? scenario, Rule? rule)
        {
            if (scenario is null) return;
            Scenarios[scenario.Id] = (scenario, rule);
            foreach (var step in scenario.Steps) Steps[step.Id] = step;
            foreach (var examples in scenario.Examples)
            foreach (var row in examples.TableBody)
                Rows[row.Id] = (examples, row);
        }
    }
}
