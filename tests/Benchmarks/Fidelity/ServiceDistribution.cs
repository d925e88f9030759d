using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Fidelity;

/// <summary>
/// The service time the truth server gives each request: a mix of fixed times with their shares
/// ("fixed:20" is one time for every request; "mix:10@0.9,200@0.1" is 90 % at 10 ms, 10 % at 200 ms).
/// </summary>
public sealed record ServiceDistribution(IReadOnlyList<(double Ms, double Share)> Parts)
{
    public static readonly ServiceDistribution Fixed20 = Parse("fixed:20");
    // 10 % slow, not the guide-like 5 %: then p95 and p99 both sit inside the slow part, not on its edge.
    public static readonly ServiceDistribution Mix = Parse("mix:10@0.9,200@0.1");

    /// <exception cref="FormatException">names what is accepted</exception>
    public static ServiceDistribution Parse(string text)
    {
        const string accepted = "accepted: fixed:MS or mix:MS@SHARE,MS@SHARE,... with shares summing to 1";
        static double Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
            : throw new FormatException($"service distribution: '{s}' is no number; {accepted}");
        if (text.StartsWith("fixed:", StringComparison.Ordinal)) return new([(Number(text[6..]), 1.0)]);
        if (!text.StartsWith("mix:", StringComparison.Ordinal)) throw new FormatException($"service distribution '{text}': {accepted}");
        var parts = text[4..].Split(',').Select(p => p.Split('@') is [var ms, var share] ? (Number(ms), Number(share))
            : throw new FormatException($"service distribution part '{p}': {accepted}")).ToList();
        if (Math.Abs(parts.Sum(p => p.Item2) - 1) > 1e-9) throw new FormatException($"service distribution '{text}': the shares sum to {parts.Sum(p => p.Item2)}; {accepted}");
        return new(parts);
    }

    /// <param name="uniform">a number in [0, 1)</param>
    public double DrawMs(double uniform)
    {
        foreach (var (ms, share) in Parts)
        {
            if (uniform < share) return ms;
            uniform -= share;
        }
        return Parts[^1].Ms;
    }

    /// <summary>The configured time at quantile q (0..1]: the smallest part whose cumulative share reaches it.</summary>
    public double QuantileMs(double q)
    {
        var sorted = Parts.OrderBy(p => p.Ms).ToList();
        var cumulative = 0.0;
        foreach (var (ms, share) in sorted)
        {
            cumulative += share;
            if (cumulative >= q - 1e-12) return ms;
        }
        return sorted[^1].Ms;
    }

    public override string ToString() => Parts.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"fixed {Parts[0].Ms:0.#} ms")
        : string.Join(" + ", Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Share * 100:0.#} % at {p.Ms:0.#} ms")));

    /// <summary>The form <see cref="Parse"/> reads, for the server's reset call.</summary>
    public string Spec() => Parts.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"fixed:{Parts[0].Ms}")
        : "mix:" + string.Join(",", Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Ms}@{p.Share}")));
}
