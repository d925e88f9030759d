using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// The embedded stack's monitoring, as a deployment's would be: a real Prometheus (Debian's) scraping
/// node_exporter (this machine) and process-exporter (the stack's own processes, grouped by component,
/// each with its children) every second, on free loopback ports. The suite reads the stack's CPU and
/// memory through Prometheus' HTTP API, the same path it takes for a deployment's PROMETHEUS_URL.
/// </summary>
public sealed class Monitoring : IDisposable
{
    /// <summary>The scrape job of the stack's processes: the selector that names the target in PromQL.</summary>
    public const string ProcessJob = "stack-processes";

    private readonly List<ManagedProcess> _processes;

    private Monitoring(List<ManagedProcess> processes, Uri url) { _processes = processes; Url = url; }

    public Uri Url { get; }
    public IReadOnlyList<ManagedProcess> Processes => _processes;

    public static async Task<Monitoring> StartAsync(string stackDir, int redisPort)
    {
        var dir = Directory.CreateDirectory(Path.Combine(stackDir, "prometheus")).FullName;
        var (nodePort, processPort, prometheusPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var groups = Path.Combine(dir, "process-exporter.yml");
        await File.WriteAllTextAsync(groups, ProcessGroups(stackDir, redisPort));
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, scrape_timeout: 1s {"}"}
            scrape_configs:
              - job_name: node
                static_configs: [{"{"} targets: ["127.0.0.1:{nodePort}"] {"}"}]
              - job_name: {ProcessJob}
                static_configs: [{"{"} targets: ["127.0.0.1:{processPort}"] {"}"}]
            """);
        var log = Path.Combine(dir, "monitoring.log");
        var processes = new List<ManagedProcess>
        {
            ManagedProcess.Start("node-exporter", "/usr/bin/prometheus-node-exporter",
                [$"--web.listen-address=127.0.0.1:{nodePort}", "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo"], log),
            ManagedProcess.Start("process-exporter", "/usr/bin/prometheus-process-exporter",
                ["-config.path", groups, "-web.listen-address", $"127.0.0.1:{processPort}", "-children=true"], log),
            ManagedProcess.Start("prometheus", "/usr/bin/prometheus",
                [$"--config.file={Path.Combine(dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                 $"--web.listen-address=127.0.0.1:{prometheusPort}", "--storage.tsdb.retention.time=1d", "--log.level=warn"], log),
        };
        var monitoring = new Monitoring(processes, new Uri($"http://127.0.0.1:{prometheusPort}/"));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Readiness.WaitAsync("Prometheus", async () => (await http.GetAsync(new Uri(monitoring.Url, "-/ready"))).IsSuccessStatusCode, processes, log, Readiness.StartDeadline);
            return monitoring;
        }
        catch
        {
            monitoring.Dispose();
            throw;
        }
    }

    /// <summary>process-exporter's groups: each of the stack's components by a command line only this stack's processes have.</summary>
    internal static string ProcessGroups(string stackDir, int redisPort)
    {
        var dir = Regex.Escape(stackDir).Replace("'", "''", StringComparison.Ordinal);
        return $"""
            process_names:
              - name: api
                cmdline: ['MangaMotion\.Stack\.dll api {dir}']
              - name: worker
                cmdline: ['MangaMotion\.Stack\.dll worker {dir}']
              - name: postgres
                cmdline: ['{dir}/postgres']
              - name: redis
                cmdline: ['redis-server 127\.0\.0\.1:{redisPort}\b']
              - name: swift
                cmdline: ['{dir}/swift/']
            """;
    }

    public void Dispose()
    {
        foreach (var p in Enumerable.Reverse(_processes))
        {
            p.Stop(TimeSpan.FromSeconds(5));
            p.Dispose();
        }
    }
}
