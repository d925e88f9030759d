using MangaMotion.Acceptance.Drivers;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>The suite version a run records names the commit it was built from.</summary>
public sealed class SuiteVersionTests
{
    [Test]
    public void Built_from_a_git_clone_the_suite_version_is_the_build_s_version_and_its_short_commit()
    {
        var root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", ".."));
        Assume.That(Path.Exists(Path.Combine(root, ".git")), $"built outside a git clone ({root}): the version has no commit");
        Assert.That(SuiteVersion.Current, Does.Match(@"^\d+\.\d+\.\d+\+[0-9a-f]{7}$"));
    }
}
