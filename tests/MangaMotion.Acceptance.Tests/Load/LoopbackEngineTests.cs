using MangaMotion.Acceptance.Load.Http;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Load;

/// <summary>The engine's tests against a real HTTP server on loopback: one server and client per test.</summary>
[NonParallelizable]
public abstract class LoopbackEngineTests
{
    protected LoopbackServer Server { get; set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    [SetUp]
    public async Task StartServer()
    {
        Server = await LoopbackServer.StartAsync();
        Http = LoadHttpClient.Create(Server.BaseUrl);
    }

    [TearDown]
    public async Task StopServer()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
