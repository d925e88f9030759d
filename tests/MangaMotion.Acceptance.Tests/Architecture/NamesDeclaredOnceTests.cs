using System.Reflection;
using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Verdicts;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Architecture;

/// <summary>
/// Names that cross rooms are declared once: a guide test's id, a criterion's id, a journey's step, a probe
/// and each key a probe measures. Spelled as a string literal anywhere else in support/ (the embedded
/// stack aside: it is the reference server, reached only through the protocols), a rename would compile
/// and break silently; this test names each such place.
/// </summary>
public sealed partial class NamesDeclaredOnceTests
{
    private static readonly string Root = ChildProcess.RepositoryRoot();

    private static IEnumerable<string> ConstantsOf(params Type[] types) => types
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        .Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>Every declared name, and what it names.</summary>
    private static Dictionary<string, string> Declared()
    {
        var names = new Dictionary<string, string>();
        void Add(IEnumerable<string> values, string what) { foreach (var v in values) names.TryAdd(v, what); }
        Add(GuideTest.All, "a guide test's id (GuideTest)");
        Add(CriteriaBook.Ids, "a criterion's id (CriteriaBook)");
        Add(JourneySteps.All, "a journey step (JourneySteps)");
        Add(ProbeNames.All, "a probe (ProbeNames)");
        Add(ConstantsOf(typeof(ResourceMeasurements), typeof(DatabaseMeasurements), typeof(QueueMeasurements), typeof(StorageMeasurements), typeof(ApiMeasurements)),
            "a measurement's key (Results/Measurements)");
        return names;
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    /// <summary>The same word in another's vocabulary: a field of a deployment's or a tool's own answer, a column of the contract's table.</summary>
    private static readonly (string File, string Literal, string Why)[] OthersWords =
    [
        ("support/Probes/ApiProbe.cs", "status", "the contract's /api/health answer field"),
        ("support/Probes/PrometheusProbe.cs", "status", "Prometheus' HTTP API answer field"),
        ("support/Probes/ConfigurationFacts.cs", "status", "the contract's jobs.status column"),
        ("support/Drivers/MangaMotionJourneys.cs", "status", "the contract's /api/status/{jobId} answer field"),
    ];

    [Test]
    public void No_cross_room_name_is_spelled_as_a_literal_outside_its_declaration()
    {
        var declared = Declared();
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "support"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file);
            if (relative.StartsWith("support/Stack/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            var inDeclaration = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                // The declarations themselves: a constant, to the end of its statement.
                inDeclaration = inDeclaration || line.Contains("const string ", StringComparison.Ordinal);
                var declares = inDeclaration;
                if (line.EndsWith(';')) inDeclaration = false;
                if (declares || line.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match m in Literal().Matches(line))
                    if (declared.TryGetValue(m.Groups[1].Value, out var what) && !IsInterpolatedHole(line, m.Index)
                        && !OthersWords.Any(o => o.File == relative && o.Literal == m.Groups[1].Value))
                        found.Add($"{relative}:{i + 1}: \"{m.Groups[1].Value}\" is {what}");
            }
        }
        Assert.That(found, Is.Empty, string.Join(Environment.NewLine, found));
    }

    /// <summary>A literal that is really part of an interpolated string's text (its quote follows a '$').</summary>
    private static bool IsInterpolatedHole(string line, int index) => index > 0 && line[index - 1] == '$';
}
