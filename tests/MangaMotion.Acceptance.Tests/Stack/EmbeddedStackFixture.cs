using MangaMotion.Acceptance.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>One embedded stack for all tests of a class, with its faults cleared after each test.</summary>
[NonParallelizable, Category("stack")]
public abstract class EmbeddedStackFixture
{
    protected EmbeddedStack Stack { get; private set; } = null!;
    protected StackClient Client { get; private set; } = null!;

    protected virtual EmbeddedStackOptions Options => new();

    [OneTimeSetUp]
    public async Task StartStack()
    {
        Stack = await EmbeddedStack.StartAsync(Options);
        Client = new StackClient(Stack);
        TestContext.Progress.WriteLine($"embedded stack started in {Stack.StartupTime.TotalSeconds:0.0} s");
        await OnStartedAsync();
    }

    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    [OneTimeTearDown]
    public async Task StopStack()
    {
        await OnStoppingAsync();
        Client.Dispose();
        await Stack.DisposeAsync();
    }

    protected virtual Task OnStoppingAsync() => Task.CompletedTask;

    [TearDown]
    public Task ClearFaults() => Client.ClearFaultsAsync();
}
