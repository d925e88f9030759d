using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>OpenStack Swift with its S3 API standing in for MinIO: memcached and four Swift servers, and the bucket.</summary>
public sealed class SwiftServer : IDisposable
{
    private readonly IReadOnlyList<ManagedProcess> _processes;

    private SwiftServer(IReadOnlyList<ManagedProcess> processes, int port) { _processes = processes; Port = port; }

    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
    public IReadOnlyList<ManagedProcess> Processes => _processes;
    public string AccessKey => SwiftConfig.AccessKey;
    public string SecretKey => SwiftConfig.SecretKey;
    public string Region => SwiftConfig.Region;

    public static async Task<SwiftServer> StartAsync(string dir, string bucket)
    {
        var (proxy, account, container, obj, memcached) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        await SwiftConfig.WriteAsync(dir, proxy, account, container, obj, memcached);
        foreach (var (name, port) in new[] { ("account", account), ("container", container), ("object", obj) })
        {
            await RunAsync(dir, "create", $"{name}.builder", "create", "10", "1", "1");
            await RunAsync(dir, "add", $"{name}.builder", "add", $"r1z1-127.0.0.1:{port}/d1", "100");
            await RunAsync(dir, "rebalance", $"{name}.builder", "rebalance");
        }
        var log = Path.Combine(dir, "swift.log");
        var processes = new List<ManagedProcess>
        {
            ManagedProcess.Start("memcached", "/usr/bin/memcached", ["-l", "127.0.0.1", "-p", memcached.ToString(), "-U", "0", "-u", Environment.UserName], log),
        };
        // The scripts' shebang is Debian's python3, whose modules Swift needs (not whatever python3 is first on PATH).
        foreach (var name in new[] { "account", "container", "object", "proxy" })
            processes.Add(ManagedProcess.Start($"swift-{name}", $"/usr/bin/swift-{name}-server", [Path.Combine(dir, $"{name}-server.conf")], log));
        var server = new SwiftServer(processes, proxy);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Readiness.WaitAsync("Swift", async () => (await http.GetAsync($"http://127.0.0.1:{proxy}/healthcheck")).IsSuccessStatusCode, processes, log, TimeSpan.FromSeconds(45));
            using var s3 = server.Client();
            // Usually ready within a second of the healthcheck; on a busy 2-core machine the account and container
            // servers have been seen to take over 20 s to accept the first bucket, so wait as long as for the API.
            await Readiness.WaitAsync("Swift's S3 API", async () => { await s3.PutBucketAsync(bucket); return true; }, processes, log, TimeSpan.FromSeconds(60));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = Region, UseHttp = true, MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(10) });

    private static async Task RunAsync(string dir, string what, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/swift-ring-builder") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode > 1) throw new StackStartException($"swift-ring-builder {what} failed ({p.ExitCode}): {output}");
    }

    public void Dispose()
    {
        foreach (var p in _processes.Reverse())
        {
            p.Stop(TimeSpan.FromSeconds(5));
            p.Dispose();
        }
    }
}
