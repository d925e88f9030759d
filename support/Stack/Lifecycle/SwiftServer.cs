using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>OpenStack Swift with its S3 API standing in for MinIO: memcached and four Swift servers, and the bucket.</summary>
public sealed class SwiftServer : IDisposable
{
    private readonly IReadOnlyList<ManagedProcess> _processes;

    private readonly string _log, _bucket;

    private SwiftServer(IReadOnlyList<ManagedProcess> processes, int port, string log, string bucket) { (_processes, Port, _log, _bucket) = (processes, port, log, bucket); }

    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
    public IReadOnlyList<ManagedProcess> Processes => _processes;
    public string AccessKey => SwiftConfig.AccessKey;
    public string SecretKey => SwiftConfig.SecretKey;
    public string Region => SwiftConfig.Region;

    /// <summary>Writes the configuration and rings and starts the servers, without waiting for them: see <see cref="ReadyAsync"/>.</summary>
    public static async Task<SwiftServer> LaunchAsync(string dir, string bucket)
    {
        var (proxy, account, container, obj, memcached) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        await SwiftConfig.WriteAsync(dir, proxy, account, container, obj, memcached);
        await BuildRingsAsync(dir, account, container, obj);
        var log = Path.Combine(dir, "swift.log");
        var processes = new List<ManagedProcess>
        {
            ManagedProcess.Start("memcached", "/usr/bin/memcached", ["-l", "127.0.0.1", "-p", memcached.ToString(), "-U", "0", "-u", Environment.UserName], log),
        };
        // The scripts' shebang is Debian's python3, whose modules Swift needs (not whatever python3 is first on PATH).
        foreach (var name in new[] { "account", "container", "object", "proxy" })
            processes.Add(ManagedProcess.Start($"swift-{name}", $"/usr/bin/swift-{name}-server", [Path.Combine(dir, $"{name}-server.conf")], log));
        return new SwiftServer(processes, proxy, log, bucket);
    }

    /// <summary>Waits until the proxy answers and the S3 API has created the bucket.</summary>
    public async Task ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Readiness.WaitAsync("Swift", async () => (await http.GetAsync($"http://127.0.0.1:{Port}/healthcheck")).IsSuccessStatusCode, _processes, _log, Readiness.StartDeadline);
        using var s3 = Client();
        // Usually ready within a second of the healthcheck; on a busy 2-core machine the account and container
        // servers have been seen to take over 20 s to accept the first bucket, so wait as long as for the API.
        await Readiness.WaitAsync("Swift's S3 API", async () => { await s3.PutBucketAsync(_bucket); return true; }, _processes, _log, Readiness.StartDeadline);
    }

    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = Region, UseHttp = true, MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(10) });

    /// <summary>
    /// The account, container and object rings, one device each, through Swift's own RingBuilder in one
    /// Python process: swift-ring-builder would take nine interpreter start-ups (seconds each on a busy machine).
    /// </summary>
    private static async Task BuildRingsAsync(string dir, int account, int container, int obj)
    {
        const string script = """
            import sys
            from swift.common.ring import RingBuilder
            for name, port in zip(("account", "container", "object"), sys.argv[1:]):
                builder = RingBuilder(10, 1, 1)
                builder.add_dev({"region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port), "device": "d1", "weight": 100})
                builder.rebalance()
                builder.save(name + ".builder")
                builder.get_ring().save(name + ".ring.gz")
            """;
        var info = new ProcessStartInfo("/usr/bin/python3", ["-c", script, account.ToString(), container.ToString(), obj.ToString()])
            { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new StackStartException($"building Swift's rings with swift.common.ring.RingBuilder failed ({p.ExitCode}): {output}");
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
