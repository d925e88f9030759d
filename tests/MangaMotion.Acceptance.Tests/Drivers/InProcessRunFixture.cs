using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Tests.Stack;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>Whole runs in this process against one embedded stack: a temporary reports root, and the stack's settings with a small smoke load.</summary>
public abstract class InProcessRunFixture(string prefix, int users, string duration) : EmbeddedStackFixture
{
    protected string Root { get; private set; } = "";

    protected override Task OnStartedAsync()
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        return Task.CompletedTask;
    }

    protected override Task OnStoppingAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The stack's settings, the smoke profile at the fixture's load, and <paramref name="extra"/> over them.</summary>
    protected SuiteSettings Read(params (string Name, string Value)[] extra)
    {
        var values = Stack.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values["PROFILE"] = "smoke";
        values["VUS"] = $"{users}";
        values["DURATION"] = duration;
        foreach (var (name, value) in extra) values[name] = value;
        return SettingsReader.Read(values);
    }
}
