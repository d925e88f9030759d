using System.Collections.Specialized;
using Io.Cucumber.Messages.Types;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>One step as the runtime is asked to execute it: keyword text and kind from the AST, text and arguments from the pickle.</summary>
public sealed record PlannedStep(string Keyword, StepKind Kind, string Text, string? DocString, PickleTable? Table)
{
    public override string ToString() => $"{Keyword}{Text}";
}

/// <summary>Which of the runtime's step calls a step goes through (And and But keep the previous step's kind).</summary>
public enum StepKind { Given, When, Then, And, But }

/// <summary>
/// What one pickle (a scenario, or one example row of an outline) means for the runtime: the values
/// Reqnroll's generated code would pass to ScenarioInfo and RuleInfo, and the steps in pickle order
/// (feature background, rule background, then the scenario's own steps).
/// </summary>
public sealed record ScenarioPlan(
    int PickleIndex,
    string Title,
    string? Description,
    string[] Tags,
    string[] InheritedTags,
    OrderedDictionary Arguments,
    RuleSummary? Rule,
    IReadOnlyList<PlannedStep> Steps)
{
    /// <summary>Every tag that applies (feature, rule, scenario, examples), without '@': these become NUnit categories.</summary>
    public IEnumerable<string> Categories => InheritedTags.Concat(Rule?.Tags ?? []).Concat(Tags).Distinct();

    public bool IsIgnored => Categories.Any(c => c.Equals("ignore", StringComparison.OrdinalIgnoreCase));

    /// <summary>@explicit: run only when a filter selects it (NUnit's [Explicit]), never by a plain run of every feature.</summary>
    public bool IsExplicit => Categories.Any(c => c.Equals("explicit", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Title" or, for an outline row, "Title(header: value, ...)" the way test explorers show data rows.</summary>
    public string DisplayName => Arguments.Count == 0
        ? Title
        : $"{Title}({string.Join(", ", Arguments.Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}: {e.Value}"))})";
}

public sealed record RuleSummary(string Title, string? Description, string[] Tags);
