using MangaMotion.Acceptance.Load.Http.Loop;

namespace MangaMotion.Acceptance.Load.Http;

/// <summary>
/// The one HTTP client configuration virtual users share, so the suite and the benchmark measure the
/// same client. Each setting is there because a load generator is not a browser.
/// </summary>
public static class LoadHttpClient
{
    public static HttpClient Create(Uri? baseAddress = null, LoadTransport transport = LoadTransport.Loop) =>
        new(Handler(transport))
        {
            BaseAddress = baseAddress,
            // The engine's per-step deadline times requests out; HttpClient's own timeout would add a
            // timer and a linked cancellation source to every request and could cut a step short.
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public static SocketsHttpHandler Handler(LoadTransport transport) =>
        new()
        {
            // Far above any profile's users (500 at most): no user ever waits for another's connection.
            MaxConnectionsPerServer = 10_000,
            // Long runs still pick up DNS changes of a deployment behind a load balancer.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Users are independent: one shared cookie jar would mix their sessions and lock on every request.
            UseCookies = false,
            // Load goes exactly where the settings say, never through a proxy from the environment.
            UseProxy = false,
            // LOAD_TRANSPORT=loop: load sockets on the engine's own I/O loops, where the response is handled
            // on the thread that saw it arrive (Loop/IoLoop); sockets, or a machine the loops cannot run on: .NET's socket engine.
            ConnectCallback = LoadTransports.Effective(transport) == LoadTransport.Loop ? LoopConnector.ConnectAsync : null,
        };
}
