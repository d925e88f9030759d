using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>A Redis server on a free loopback port with persistence off; the job queue is a list in it.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ManagedProcess _process;

    private RedisServer(ManagedProcess process, int port) { _process = process; Port = port; }

    public int Port { get; }
    public ManagedProcess Process => _process;

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    public static async Task<RedisServer> StartAsync(string dir)
    {
        var port = FreePort.Next();
        var log = Path.Combine(dir, "redis.log");
        var process = ManagedProcess.Start("redis", "/usr/bin/redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir], log);
        var server = new RedisServer(process, port);
        try
        {
            await Readiness.WaitAsync("Redis", async () =>
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true,connectTimeout=500");
                await redis.GetDatabase().PingAsync();
                return true;
            }, process, log, Readiness.StartDeadline);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Stop(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
