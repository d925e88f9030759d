using NUnit.Framework;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>Pending and undefined steps become Inconclusive, @ignore becomes Ignored, as with Reqnroll.NUnit.</summary>
public sealed class NUnitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => TestInconclusive(message);

    public void TestInconclusive(string message) => Assert.Inconclusive(message);

    public void TestIgnore(string message) => Assert.Ignore(message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => exception switch
    {
        InconclusiveException or IgnoreException => ScenarioExecutionStatus.Skipped,
        _ => null,
    };
}
