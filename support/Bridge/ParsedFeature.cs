using Io.Cucumber.Messages.Types;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// One feature file as the bridge knows it: the Cucumber messages Reqnroll's formatters need
/// (source, Gherkin document, pickles in pickle-compiler order) or, for a file that does not parse,
/// the error to report as a failing test.
/// </summary>
public sealed record ParsedFeature(
    string Uri,
    Source Source,
    GherkinDocument? Document,
    IReadOnlyList<Pickle> Pickles,
    string? ParseError)
{
    public bool IsValid => ParseError is null && Document?.Feature is not null;

    public Feature Feature => Document?.Feature
        ?? throw new InvalidOperationException($"{Uri} has no feature: {ParseError}");
}
