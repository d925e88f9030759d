namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>Where the Debian packages put the servers, and what to install when one is missing.</summary>
public static class Packages
{
    public const string PostgresBin = "/usr/lib/postgresql/15/bin";
    public const string InstallCommand = "sudo apt-get install postgresql-15 redis-server memcached swift-proxy swift-account swift-container swift-object prometheus prometheus-node-exporter prometheus-process-exporter";

    public static readonly (string Path, string Package)[] Required =
    [
        ($"{PostgresBin}/initdb", "postgresql-15"), ($"{PostgresBin}/postgres", "postgresql-15"),
        ("/usr/bin/redis-server", "redis-server"), ("/usr/bin/memcached", "memcached"),
        ("/usr/bin/swift-proxy-server", "swift-proxy"), ("/usr/bin/swift-account-server", "swift-account"),
        ("/usr/bin/swift-container-server", "swift-container"), ("/usr/bin/swift-object-server", "swift-object"),
        ("/usr/bin/swift-ring-builder", "swift"),
        ("/usr/bin/prometheus", "prometheus"), ("/usr/bin/prometheus-node-exporter", "prometheus-node-exporter"),
        ("/usr/bin/prometheus-process-exporter", "prometheus-process-exporter"),
    ];

    /// <exception cref="StackStartException">naming the missing packages and the command that installs them</exception>
    public static void Check() => Check(Required);

    internal static void Check(IEnumerable<(string Path, string Package)> required)
    {
        var missing = required.Where(r => !File.Exists(r.Path)).Select(r => r.Package).Distinct().ToList();
        if (missing.Count > 0)
            throw new StackStartException($"The embedded stack needs Debian packages that are missing: {string.Join(", ", missing)}. " +
                                          $"Install them with: {InstallCommand} (./acceptance does this for you).");
    }
}
