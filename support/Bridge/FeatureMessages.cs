using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.RuntimeSupport;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>The feature-level Cucumber messages that make Reqnroll's formatters report a feature.</summary>
internal sealed class FeatureMessages(ParsedFeature feature) : IFeatureLevelCucumberMessages
{
    public bool HasMessages => feature.IsValid;
    public Source Source => feature.Source;
    public GherkinDocument GherkinDocument => feature.Document!;
    public IEnumerable<Pickle> Pickles => feature.Pickles;
}
