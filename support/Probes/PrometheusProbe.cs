using System.Globalization;
using System.Text.Json;
using MangaMotion.Acceptance.Load.Measurement;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Probes;

/// <summary>
/// The target's CPU and memory from the deployment's Prometheus (HTTP API, instant queries on the
/// load's clock): PROMETHEUS_CPU_QUERY / PROMETHEUS_MEMORY_QUERY when given, else the first of the
/// usual exporters that answers: process-exporter (named processes), cAdvisor (containers),
/// node_exporter (the target's machine), each narrowed by PROMETHEUS_SELECTOR.
/// </summary>
public sealed class PrometheusProbe(HttpClient http, PrometheusSettings settings) : IProbe
{
    public sealed record Source(string Exporter, string Cpu, string Memory);

    private Source? _source;
    private readonly HashSet<string> _said = [];

    public string Name => ProbeNames.Prometheus;
    public ProbeCost Cost => ProbeCost.Cheap;
    public string SettingToCheck => "PROMETHEUS_URL (PROMETHEUS_SELECTOR, PROMETHEUS_CPU_QUERY, PROMETHEUS_MEMORY_QUERY)";

    /// <summary>The default queries, best first, with the selector put inside each target metric's braces.</summary>
    public static IReadOnlyList<Source> Defaults(string selector, TimeSpan window)
    {
        string S(string labels) => "{" + string.Join(",", new[] { labels, selector }.Where(x => x.Length > 0)) + "}";
        var w = $"[{(int)Math.Max(1, window.TotalSeconds)}s]";
        const string cores = "count(count by (cpu, instance) (node_cpu_seconds_total))";
        return
        [
            new("process-exporter", $"100 * sum(rate(namedprocess_namegroup_cpu_seconds_total{S("")}{w})) / {cores}",
                $"100 * sum(namedprocess_namegroup_memory_bytes{S("memtype=\"resident\"")}) / sum(node_memory_MemTotal_bytes)"),
            new("cAdvisor", $"100 * sum(rate(container_cpu_usage_seconds_total{S("image!=\"\"")}{w})) / sum(machine_cpu_cores)",
                $"100 * sum(container_memory_working_set_bytes{S("image!=\"\"")}) / sum(machine_memory_bytes)"),
            new("node_exporter", $"100 * (1 - avg(rate(node_cpu_seconds_total{S("mode=\"idle\"")}{w})))",
                $"100 * (1 - sum(node_memory_MemAvailable_bytes{S("")}) / sum(node_memory_MemTotal_bytes{S("")}))"),
        ];
    }

    public async Task<ProbeReading> ReadAsync(CancellationToken cancellation)
    {
        var values = new Dictionary<string, double>();
        var source = _source ?? await ChooseAsync(cancellation);
        if (source is null) return new ProbeReading(values, Once("no exporter answered the default queries yet: set PROMETHEUS_SELECTOR or PROMETHEUS_CPU_QUERY / PROMETHEUS_MEMORY_QUERY"));
        if (await QueryAsync(source.Cpu, cancellation) is { } cpu) values[ResourceProbe.TargetCpu] = cpu;
        if (await QueryAsync(source.Memory, cancellation) is { } memory) values[ResourceProbe.TargetMemory] = memory;
        return new ProbeReading(values, Once($"source: {source.Exporter} through Prometheus at {settings.Url}; CPU: {source.Cpu}; memory: {source.Memory}"));
    }

    /// <summary>Each detail said once per probe: a rate needs two scrapes, so "none yet" may come before the source.</summary>
    private string[] Once(string detail) => _said.Add(detail) ? [detail] : [];

    /// <summary>The overrides, or the first default source whose CPU query returns data; null while none does yet.</summary>
    private async Task<Source?> ChooseAsync(CancellationToken cancellation)
    {
        if (settings.CpuQuery.Length > 0 || settings.MemoryQuery.Length > 0)
            return _source = new Source("PROMETHEUS_CPU_QUERY / PROMETHEUS_MEMORY_QUERY", settings.CpuQuery, settings.MemoryQuery);
        foreach (var candidate in Defaults(settings.Selector, settings.RateWindow))
            if (await QueryAsync(candidate.Cpu, cancellation) is not null) return _source = candidate;
        return null;
    }

    /// <summary>An instant query's value (the sum of its series), or null when it returned no data.</summary>
    /// <exception cref="InvalidOperationException">Prometheus refused the query (its error is quoted)</exception>
    public async Task<double?> QueryAsync(string promql, CancellationToken cancellation)
    {
        if (promql.Length == 0) return null;
        using var response = await http.GetAsync(new Uri(settings.Url!, $"api/v1/query?query={Uri.EscapeDataString(promql)}"), cancellation);
        var body = await HttpBodies.ReadLimitedAsync(response, cancellation, 1 << 20);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus refused '{promql}': {(root.TryGetProperty("error", out var e) ? e.GetString() : body)}");
        var data = root.GetProperty("data");
        var results = data.GetProperty("resultType").GetString() == "scalar" ? [data.GetProperty("result")]
            : data.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("value")).ToList();
        var numbers = results.Select(v => double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)).Where(double.IsFinite).ToList();
        return numbers.Count == 0 ? null : numbers.Sum();
    }
}
