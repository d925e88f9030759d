namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// A throw-away OpenStack Swift configuration: one device on 127.0.0.1, rings for one replica, the
/// s3api middleware (SigV4, region us-east-1) and tempauth, whose user test:tester with key testing
/// is the S3 access key test:tester. workers = 0 keeps each server one process, so stopping it is exact.
/// </summary>
internal static class SwiftConfig
{
    public const string AccessKey = "test:tester", SecretKey = "testing", Region = "us-east-1";

    public static async Task WriteAsync(string dir, int proxy, int account, int container, int obj, int memcached)
    {
        Directory.CreateDirectory(Path.Combine(dir, "devices", "d1"));
        await File.WriteAllTextAsync(Path.Combine(dir, "swift.conf"), """
            [swift-hash]
            swift_hash_path_suffix = mangamotion-embedded
            swift_hash_path_prefix = mangamotion-embedded
            [storage-policy:0]
            name = Policy-0
            default = yes
            """);
        foreach (var (name, port) in new[] { ("account", account), ("container", container), ("object", obj) })
            await File.WriteAllTextAsync(Path.Combine(dir, $"{name}-server.conf"), $"""
                {Defaults(dir, port)}
                devices = {dir}/devices
                mount_check = false
                [pipeline:main]
                pipeline = {name}-server
                [app:{name}-server]
                use = egg:swift#{name}
                """);
        // Section names as the pipeline spells them; entry points as Swift's egg names them.
        var filters = new[] { ("catch_errors", "catch_errors"), ("gatekeeper", "gatekeeper"), ("healthcheck", "healthcheck"), ("proxy-logging", "proxy_logging"),
                ("listing_formats", "listing_formats"), ("copy", "copy"), ("slo", "slo"), ("dlo", "dlo") }
            .Select(f => $"[filter:{f.Item1}]\nuse = egg:swift#{f.Item2}");
        await File.WriteAllTextAsync(Path.Combine(dir, "proxy-server.conf"), $"""
            {Defaults(dir, proxy)}
            [pipeline:main]
            pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
            [app:proxy-server]
            use = egg:swift#proxy
            account_autocreate = true
            [filter:s3api]
            use = egg:swift#s3api
            location = {Region}
            [filter:tempauth]
            use = egg:swift#tempauth
            user_test_tester = {SecretKey} .admin
            [filter:cache]
            use = egg:swift#memcache
            memcache_servers = 127.0.0.1:{memcached}
            {string.Join('\n', filters)}
            """);
    }

    /// <summary>Logs go to a UDP port nobody reads: there is no syslog socket on these machines.</summary>
    private static string Defaults(string dir, int port) => $"""
        [DEFAULT]
        bind_ip = 127.0.0.1
        bind_port = {port}
        swift_dir = {dir}
        user = {Environment.UserName}
        workers = 0
        log_udp_host = 127.0.0.1
        log_udp_port = 9
        """;
}
