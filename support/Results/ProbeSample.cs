namespace MangaMotion.Acceptance.Results;

/// <summary>
/// One probe's reading on the run's timeline: values, details, or the error (masked) that replaced them.
/// <see cref="T"/> is seconds on the load engine's clock.
/// </summary>
public sealed record ProbeSample(double T, string Probe, IReadOnlyDictionary<string, double> Values, IReadOnlyList<string> Details, string? Error, double Millis)
{
    public bool Ok => Error is null;
}
