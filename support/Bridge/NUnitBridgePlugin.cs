using Reqnroll;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Registers NUnit as Reqnroll's unit-test provider, the job Reqnroll.NUnit's plugin does:
/// the runtime resolves its provider by the name "nunit", and nothing else registers it.
/// Activated by <c>[assembly: RuntimePlugin(typeof(NUnitBridgePlugin))]</c> in the test assembly.
/// </summary>
public sealed class NUnitBridgePlugin : IRuntimePlugin
{
    public const string ProviderName = "nunit";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<NUnitRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<NUnitTraceListener, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<NUnitAttachmentHandler, IReqnrollAttachmentHandler>();
            e.ObjectContainer.RegisterFactoryAs<IReqnrollOutputHelper>(c => new MaskingOutputHelper(c.Resolve<ReqnrollOutputHelper>()));
        };
    }
}
