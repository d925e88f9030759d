using MangaMotion.Acceptance.Results;
using System.Diagnostics;

namespace MangaMotion.Acceptance.Probes;

/// <summary>Runs a probe with a deadline, turning any failure into a sample with the error (masked) instead of an exception.</summary>
public static class ProbeRunner
{
    public static async Task<ProbeSample> SampleAsync(IProbe probe, double t, TimeSpan timeout, Secrets secrets, CancellationToken cancellation = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var reading = await probe.ReadAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            return new ProbeSample(t, probe.Name, reading.Values, reading.Details.Select(secrets.Mask).ToList(), null, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            var error = deadline.IsCancellationRequested ? $"no answer within {timeout.TotalSeconds:0.#} s" : $"{e.GetType().Name}: {Innermost(e).Message}";
            return new ProbeSample(t, probe.Name, new Dictionary<string, double>(), [], secrets.Mask(error), clock.Elapsed.TotalMilliseconds);
        }
    }

    private static Exception Innermost(Exception e) => e is AggregateException { InnerException: { } inner } ? Innermost(inner) : e;
}
