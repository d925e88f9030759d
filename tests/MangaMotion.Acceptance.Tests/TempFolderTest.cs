using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests;

/// <summary>A test class whose every test gets a fresh temporary folder, removed after it.</summary>
public abstract class TempFolderTest(string prefix)
{
    protected string Folder { get; private set; } = "";

    [SetUp]
    public void MakeFolder() => Folder = Directory.CreateTempSubdirectory(prefix).FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(Folder, recursive: true);
}
