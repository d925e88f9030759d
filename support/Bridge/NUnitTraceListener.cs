using NUnit.Framework;
using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>Step trace and output helper lines go to the running NUnit test's output.</summary>
public sealed class NUnitTraceListener(ITraceListenerQueue queue, IObjectContainer container) : AsyncTraceListener(queue, container)
{
    private readonly Lazy<IContextManager> _contexts = new(container.Resolve<IContextManager>);

    public override void WriteTestOutput(string message)
    {
        message = OutputFilter.Apply(message);
        TestContext.Out.WriteLine(message);
        // Inside a scenario NUnit already has the line; outside one (hooks), keep Reqnroll's own output too.
        if (_contexts.Value.ScenarioContext is null) base.WriteTestOutput(message);
    }

    public override void WriteToolOutput(string message)
    {
        message = OutputFilter.Apply(message);
        TestContext.Out.WriteLine("-> " + message);
        if (_contexts.Value.ScenarioContext is null) base.WriteToolOutput(message);
    }
}
