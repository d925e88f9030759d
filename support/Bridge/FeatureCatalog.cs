using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Reqnroll;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>A parsed feature with what its tests share: the test assembly, the one FeatureInfo, the scenario plans.</summary>
public sealed record CatalogEntry(Assembly TestAssembly, ParsedFeature Parsed, FeatureInfo? FeatureInfo, IReadOnlyList<ScenarioPlan> Plans);

/// <summary>
/// The feature files of a test assembly, parsed once per process. NUnit builds the test tree both at
/// discovery and before execution (possibly in different processes); both read the same files.
/// </summary>
public static class FeatureCatalog
{
    private static readonly ConcurrentDictionary<string, CatalogEntry> Entries = new();

    /// <summary>Reads every *.feature under <paramref name="folder"/> (relative to the test assembly's directory).</summary>
    public static IReadOnlyList<CatalogEntry> Load(Assembly testAssembly, string folder)
    {
        var baseDir = Path.GetDirectoryName(testAssembly.Location) ?? AppContext.BaseDirectory;
        var root = Path.Combine(baseDir, folder);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Path.GetRelativePath(baseDir, path).Replace('\\', '/'))
            .Select(uri => Entries.GetOrAdd(uri, _ => Create(testAssembly, uri, File.ReadAllText(Path.Combine(baseDir, uri)))))
            .OrderBy(RunOrder)
            .ToList();
    }

    /// <summary>
    /// A feature tagged @order:N runs in that place (NUnit runs fixtures in the order they are built);
    /// untagged features follow, by path.
    /// </summary>
    internal static int RunOrder(CatalogEntry entry) =>
        entry.FeatureInfo?.Tags.Select(t => t.StartsWith("order:", StringComparison.Ordinal) && int.TryParse(t[6..], out var n) ? n : (int?)null)
            .FirstOrDefault(n => n is not null) ?? int.MaxValue;

    public static CatalogEntry Get(string uri) =>
        Entries.TryGetValue(uri, out var entry) ? entry : throw new InvalidOperationException($"Feature {uri} was not loaded by the bridge");

    private static CatalogEntry Create(Assembly testAssembly, string uri, string text)
    {
        var parsed = FeatureParser.Parse(uri, text);
        if (!parsed.IsValid) return new CatalogEntry(testAssembly, parsed, null, []);
        var feature = parsed.Feature;
        var folder = Path.GetDirectoryName(uri)?.Replace('\\', '/') ?? "";
        var info = new FeatureInfo(new CultureInfo(feature.Language), folder, feature.Name,
            string.IsNullOrWhiteSpace(feature.Description) ? null : feature.Description.Trim(),
            ProgrammingLanguage.CSharp, ScenarioPlanner.TagNames(feature.Tags), new FeatureMessages(parsed));
        return new CatalogEntry(testAssembly, parsed, info, ScenarioPlanner.Plan(parsed));
    }
}
