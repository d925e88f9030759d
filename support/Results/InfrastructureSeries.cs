namespace MangaMotion.Acceptance.Results;

/// <summary>
/// Every probe sample of a run on the engine's timeline, and the sampler's own cost (share of one core
/// spent inside probes). What verdicts and reports read about the infrastructure.
/// </summary>
public sealed record InfrastructureSeries(IReadOnlyList<ProbeSample> Samples, double SamplerBusyShare)
{
    public IEnumerable<(double T, double Value)> Values(string probe, string key) =>
        Samples.Where(s => s.Probe == probe && s.Values.ContainsKey(key)).Select(s => (s.T, s.Values[key]));

    public double? Max(string probe, string key) => Values(probe, key).Select(v => (double?)v.Value).Max();

    /// <summary>Growth of a counter over the run (last minus first reading).</summary>
    public double? Growth(string probe, string key)
    {
        var values = Values(probe, key).ToList();
        return values.Count == 0 ? null : values[^1].Value - values[0].Value;
    }

    public IEnumerable<ProbeSample> Failures(string probe) => Samples.Where(s => s.Probe == probe && !s.Ok);

    public IEnumerable<string> Details(string probe) => Samples.Where(s => s.Probe == probe).SelectMany(s => s.Details).Distinct();
}
