using System.Xml.Linq;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Architecture;

/// <summary>
/// Project references flow one way (settings → load/probes → results → verdicts → reports), read from
/// the project files themselves, so the graph in the README cannot drift from the build.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Each room's layer: a project may reference only rooms of a lower layer.</summary>
    private static readonly Dictionary<string, int> Layer = new()
    {
        ["Settings"] = 0, ["Stack"] = 0, ["Bridge"] = 0,
        ["Load"] = 1, ["Target"] = 1, ["Stores"] = 1,
        ["Results"] = 2,
        ["Probes"] = 3, ["Verdicts"] = 3, ["History"] = 3,
        ["Reports"] = 4,
        ["Agents"] = 4,
        ["Drivers"] = 5, ["ReportsCli"] = 5,
        ["Specs"] = 6, ["AgentCli"] = 6,
    };

    private static readonly string Root = ChildProcess.RepositoryRoot();

    private static IEnumerable<string> Projects() =>
        Directory.GetFiles(Path.Combine(Root, "support"), "*.csproj", SearchOption.AllDirectories).Append(Path.Combine(Root, "steps", "MangaMotion.Acceptance.Specs.csproj"));

    private static string Room(string csproj) => Path.GetFileNameWithoutExtension(csproj).Replace("MangaMotion.Acceptance.", "");

    private static IReadOnlyList<string> Includes(string csproj, string item) =>
        XDocument.Load(csproj).Descendants(item).Select(e => e.Attribute("Include")!.Value).ToList();

    private static IEnumerable<string> References(string csproj) =>
        Includes(csproj, "ProjectReference").Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, r)));

    [Test]
    public void Every_project_reference_points_to_a_lower_layer()
    {
        var uphill = Projects().SelectMany(p => References(p).Select(r => (From: Room(p), To: Room(r))))
            .Where(e => Layer[e.To] >= Layer[e.From]).Select(e => $"{e.From} → {e.To}").ToList();
        Assert.That(uphill, Is.Empty);
        Assert.That(Projects().Select(Room), Is.SubsetOf(Layer.Keys), "every room has a layer");
    }

    /// <summary>The rooms whose namespaces a project's own source names (MangaMotion.Acceptance.&lt;Room&gt;…), itself aside.</summary>
    private static IReadOnlySet<string> RoomsUsed(string csproj)
    {
        var folder = Path.GetDirectoryName(csproj)!;
        var own = Room(csproj);
        return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\bMangaMotion\.Acceptance\.(\w+)").Select(m => m.Groups[1].Value))
            .Where(r => Layer.ContainsKey(r) && r != own).ToHashSet();
    }

    [Test]
    public void A_project_references_every_room_whose_types_it_uses_directly_not_through_another()
    {
        var indirect = Projects().SelectMany(p => RoomsUsed(p).Except(References(p).Select(Room)).Select(r => $"{Room(p)} uses {r} without referencing it")).ToList();
        Assert.That(indirect, Is.Empty);
    }

    [Test]
    public void The_report_renderer_builds_without_the_stack_the_probes_aspnet_or_the_aws_sdk()
    {
        var closure = new HashSet<string>();
        var pending = new Stack<string>([Projects().Single(p => Room(p) == "ReportsCli")]);
        while (pending.TryPop(out var p))
            if (closure.Add(p)) foreach (var r in References(p)) pending.Push(r);
        Assert.That(closure.Select(Room), Has.None.AnyOf("Stack", "Probes", "Target", "Drivers"));
        var packages = closure.SelectMany(p => Includes(p, "PackageReference").Concat(Includes(p, "FrameworkReference"))).ToList();
        Assert.That(packages, Has.None.AnyOf("AWSSDK.S3", "Microsoft.AspNetCore.App", "Npgsql", "StackExchange.Redis"));
    }
}
