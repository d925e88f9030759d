using System.Globalization;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// A threshold as a scenario writes it ("above 95 %", "below 5 s"), parsed once, judged exactly.
/// Tiers add the guide's warning band: success rate 90–95 % is WARN, response time 1–5 s is WARN.
/// </summary>
public sealed record Criterion(string Id, string Title, string Comparison, double Limit, string Unit, Tier? Tier = null)
{
    /// <summary>Observed values of durations are given in seconds; a limit written in ms or minutes is scaled to match.</summary>
    public double Scale => Unit switch { "ms" => 0.001, "minutes" or "minute" or "min" => 60, _ => 1 };

    /// <summary>Fewer samples than this make a percentile low-confidence: shown with its count, marked everywhere.</summary>
    public const int ConfidentSamples = 20;

    public CriterionResult Judge(double? observedInBaseUnit, string evidence) => Judge(new Observation(observedInBaseUnit, evidence));

    public CriterionResult Judge(Observation o)
    {
        var observed = o.Value / Scale;
        var lowConfidence = o.Samples is { } n && n < ConfidentSamples;
        var evidence = lowConfidence ? $"{o.Evidence} (from {o.Samples} samples: low confidence)" : o.Evidence;
        CriterionResult Result(Verdict v, double? value) => new(Id, Title, v, value is { } x ? Math.Round(x, 4) : null, Threshold, Unit, evidence)
            { Samples = o.Samples, LowConfidence = lowConfidence, Detail = o.Detail };
        if (o.NotApplicable) return Result(Verdict.NotApplicable, null);
        if (o.NotMeasured) return Result(Verdict.NotMeasured, null);
        if (observed is not { } value || double.IsNaN(value)) return Result(Verdict.Incomplete, null);
        var holds = Holds(value);
        // A lower bound ("at least the polling window") decides only when it already settles the comparison.
        if (o.IsLowerBound)
        {
            var decides = Comparison is "above" or "at least" ? holds : !holds;
            return decides ? Result(holds ? Verdict.Pass : Verdict.Fail, value) with { AtLeast = true } : Result(Verdict.NotMeasured, value) with
            {
                AtLeast = true,
                Evidence = $"{evidence}; the true value is at least {value.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}, which cannot settle '{Threshold}'" +
                           (o.ToMeasure is { } how ? $": {how}" : ""),
            };
        }
        var verdict = !holds ? Verdict.Fail : Tier is { } tier && tier.Warns(value) ? Verdict.Warn : Verdict.Pass;
        if (!holds && Tier is { } t && t.Warns(value)) verdict = Verdict.Warn;
        // A failure its own sampling noise could explain is a warning: it names the interval, and more samples settle it.
        if (verdict == Verdict.Fail && o.Interval is var (low, high) && (Holds(low / Scale) || Holds(high / Scale)))
            return Result(Verdict.Warn, value) with
            {
                Evidence = $"{evidence}; within sampling noise: its 95 % confidence interval, {(low / Scale).ToString("0.#", CultureInfo.InvariantCulture)} to " +
                           $"{(high / Scale).ToString("0.#", CultureInfo.InvariantCulture)} {Unit}, reaches '{Threshold}', so this is a warning, not a failure (longer stages settle it)",
            };
        return Result(verdict, value);
    }

    /// <summary>Whether a value in the base unit (seconds, %) meets the threshold as written, tiers aside.</summary>
    public bool IsMetBy(double observedInBaseUnit) => Holds(observedInBaseUnit / Scale);

    private bool Holds(double value) => Comparison switch
    {
        "above" => value > Limit,
        "at least" => value >= Limit,
        "below" => value < Limit,
        "at most" => value <= Limit,
        _ => throw new InvalidOperationException($"unknown comparison '{Comparison}'"),
    };

    public string Threshold => $"{Comparison} {Limit.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}";

    /// <summary>Reads "above 95 %", "below 5 s", "below 1000 jobs", "at most 0 deadlocks".</summary>
    /// <param name="warning">the row's warning band, if its table has one (<see cref="Tier.Parse"/>)</param>
    public static Criterion Parse(string id, string title, string threshold, string? warning = null)
    {
        var words = threshold.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var comparison = words[0] is "at" && words.Length > 1 ? $"at {words[1]}" : words[0];
        var rest = words.Skip(comparison.Contains(' ') ? 2 : 1).ToArray();
        if (comparison is not ("above" or "below" or "at least" or "at most") || rest.Length == 0 ||
            !double.TryParse(rest[0].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
            throw new FormatException($"'{threshold}' is not a threshold; write e.g. 'above 95 %', 'below 5 s', 'at most 0 deadlocks'");
        var unit = rest[0].EndsWith('%') ? "%" : rest.Length > 1 ? string.Join(' ', rest.Skip(1)) : "";
        return new Criterion(id, title, comparison, limit, unit, Tier.Parse(warning, unit));
    }
}

/// <summary>
/// A criterion's warning band as its table's "warning" column writes it ("90 % to 95 %", "1 s to 5 s",
/// in the threshold's unit): a value inside it is a WARN whether or not it meets the threshold (the
/// guide's success-rate and latency tables: above 95 % OK, 90–95 % WARN; below 1 s OK, 1–5 s WARN).
/// </summary>
public sealed record Tier(double WarnFrom, double WarnTo)
{
    public const string Accepted = "'<from> to <to>' in the threshold's unit, e.g. '90 % to 95 %' or '1 s to 5 s', or empty for none";

    public bool Warns(double value) => value >= WarnFrom && value <= WarnTo;

    /// <summary>Null for an empty cell.</summary>
    /// <exception cref="FormatException">naming what is accepted</exception>
    public static Tier? Parse(string? band, string unit)
    {
        if (string.IsNullOrWhiteSpace(band)) return null;
        var m = System.Text.RegularExpressions.Regex.Match(band.Trim(), @"^([\d.]+)\s*(\S*)\s+to\s+([\d.]+)\s*(.*)$");
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(m.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var to) || from > to)
            throw new FormatException($"warning '{band}' is not a band; write {Accepted}");
        var (fromUnit, toUnit) = (m.Groups[2].Value.Trim(), m.Groups[4].Value.Trim());
        if (toUnit != unit || fromUnit.Length > 0 && fromUnit != unit)
            throw new FormatException($"warning '{band}' is not in the threshold's unit '{unit}'; write {Accepted}");
        return new Tier(from, to);
    }
}

/// <summary>
/// What a criterion observed, in the base unit (seconds, %): a value, a lower bound (a censored
/// percentile: "at least the polling window"), or nothing trustworthy (<see cref="NotMeasured"/>, the
/// evidence saying why and which setting would help). <see cref="Samples"/> is a percentile's count.
/// </summary>
public sealed record Observation(double? Value, string Evidence)
{
    public bool IsLowerBound { get; init; }
    public bool NotMeasured { get; init; }
    /// <summary>The deployment did not use what the criterion is about during the test (the evidence says how that was seen).</summary>
    public bool NotApplicable { get; init; }
    public long? Samples { get; init; }
    /// <summary>The observed value's 95 % confidence interval where few samples make it uncertain (base unit), or null.</summary>
    public (double Low, double High)? Interval { get; init; }
    /// <summary>What would let a lower bound be measured exactly (e.g. raise MAX_POLL_ATTEMPTS).</summary>
    public string? ToMeasure { get; init; }
    /// <summary>How it was measured, for whoever checks the evidence (queries, sources): shown behind a disclosure, after what a stakeholder reads.</summary>
    public string? Detail { get; init; }

    public static Observation Unmeasured(string why) => new(null, why) { NotMeasured = true };

    public static Observation NotUsed(string how) => new(null, how) { NotApplicable = true };

    public static implicit operator Observation((double? Value, string Evidence) t) => new(t.Value, t.Evidence);
}
