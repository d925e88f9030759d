using System.Text;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Put on one class of the test assembly: NUnit then finds one fixture per feature file and one test
/// per scenario or example row, named as a reader of the feature would name them, tags as categories.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FeatureFixturesAttribute(string folder) : NUnitAttribute, IFixtureBuilder
{
    private static readonly NUnitTestCaseBuilder TestBuilder = new();

    public string Folder { get; } = folder;

    public IEnumerable<TestSuite> BuildFrom(ITypeInfo typeInfo)
    {
        var entries = FeatureCatalog.Load(typeInfo.Assembly, Folder);
        if (entries.Count == 0)
        {
            yield return Problem(typeInfo, $"{Folder}: no feature files found next to {typeInfo.Assembly.GetName().Name}");
            yield break;
        }
        foreach (var entry in entries) yield return BuildFixture(entry);
    }

    private static TestSuite BuildFixture(CatalogEntry entry)
    {
        var order = FeatureCatalog.RunOrder(entry);
        var fixture = NewFixture(entry.Parsed.Uri, entry.Parsed.IsValid ? entry.Parsed.Feature.Name : entry.Parsed.Uri, order == int.MaxValue ? null : order);
        if (!entry.Parsed.IsValid)
        {
            // A broken file shows as one failing test naming the file and line, never as silence.
            fixture.Add(BuildTest(fixture, -1, "Feature file parses", [], ignored: false, isExplicit: false));
            return fixture;
        }
        var feature = entry.Parsed.Feature;
        if (!string.IsNullOrWhiteSpace(feature.Description)) fixture.Properties.Set(PropertyNames.Description, feature.Description.Trim());
        foreach (var plan in entry.Plans)
            fixture.Add(BuildTest(fixture, plan.PickleIndex, plan.DisplayName, plan.Categories, plan.IsIgnored, plan.IsExplicit));
        return fixture;
    }

    private static TestFixture NewFixture(string uri, string title, int? order)
    {
        var fixture = new TestFixture(new TypeWrapper(typeof(FeatureFixture)), [uri]);
        fixture.ApplyAttributesToTest(typeof(FeatureFixture));
        fixture.Name = title;
        // NUnit orders siblings by their Order property, then by name: all features are siblings under
        // one namespace (as Reqnroll's generated classes share one), so an @order:N tag decides the run order.
        var root = Path.GetDirectoryName(uri)?.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "features";
        fixture.FullName = $"{Identifier(root)}.{Identifier(title)}Feature";
        if (order is { } n) fixture.Properties.Set(PropertyNames.Order, n);
        return fixture;
    }

    private static TestMethod BuildTest(TestFixture fixture, int pickleIndex, string name, IEnumerable<string> categories, bool ignored, bool isExplicit)
    {
        var parms = new TestCaseParameters([pickleIndex]);
        foreach (var category in categories) parms.Properties.Add(PropertyNames.Category, category);
        if (ignored)
        {
            parms.RunState = RunState.Ignored;
            parms.Properties.Set(PropertyNames.SkipReason, "Ignored by the @ignore tag");
        }
        else if (isExplicit)
        {
            parms.RunState = RunState.Explicit;
            parms.Properties.Set(PropertyNames.SkipReason, "Run only when a filter selects it (the @explicit tag)");
        }
        var method = new MethodWrapper(typeof(FeatureFixture), nameof(FeatureFixture.RunScenarioAsync));
        var test = TestBuilder.BuildTestMethod(method, fixture, parms);
        test.Name = name;
        test.FullName = $"{fixture.FullName}.{name}";
        return test;
    }

    private static TestSuite Problem(ITypeInfo typeInfo, string message)
    {
        var fixture = new TestFixture(typeInfo, new InvalidOperationException(message));
        fixture.MakeInvalid(message);
        return fixture;
    }

    /// <summary>PascalCase identifier of a title, the way Reqnroll names generated classes.</summary>
    internal static string Identifier(string text)
    {
        var sb = new StringBuilder();
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text, "[^\\p{L}\\p{Nd}]+"))
            if (word.Length > 0) sb.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }
}
