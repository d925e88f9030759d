using System.Globalization;

namespace MangaMotion.Acceptance.Load.Thresholds;

/// <summary>Over what part of the run a threshold is judged.</summary>
public abstract record ThresholdWindow
{
    public sealed record WholeRun : ThresholdWindow { public override string ToString() => "whole run"; }
    public sealed record EachStage : ThresholdWindow { public override string ToString() => "each stage"; }
    public sealed record Sliding(TimeSpan Length) : ThresholdWindow { public override string ToString() => $"any {Length.TotalSeconds:0.#}s window"; }

    public static readonly ThresholdWindow Whole = new WholeRun();
    public static readonly ThresholdWindow PerStage = new EachStage();
}

/// <summary>
/// A pass/fail condition over one step's measurements, as data: metric (p(N), avg, min, max, count,
/// rate, error_rate, rps), comparison and limit (latencies in ms, rates 0..1), a window, and optionally
/// aborting the run when it fails (after a grace, so a cold start does not abort). Scenarios write them
/// in the criteria tables' grammar (Verdicts/HeldLimits); the engine has no text grammar of its own.
/// </summary>
public sealed record Threshold(string Step, string Metric, string Comparison, double Limit, ThresholdWindow Window,
    bool AbortOnFail = false, TimeSpan AbortGrace = default, string? Text = null)
{
    public string Unit => Metric switch
    {
        "count" => "requests",
        "rate" or "error_rate" => "ratio",
        "rps" => "requests/s",
        _ => "ms",
    };

    public bool Holds(double observed) => Comparison switch
    {
        "<" => observed < Limit,
        "<=" => observed <= Limit,
        ">" => observed > Limit,
        ">=" => observed >= Limit,
        "==" => Math.Abs(observed - Limit) < 1e-9,
        _ => throw new InvalidOperationException($"unknown comparison {Comparison}"),
    };

    /// <summary>A value of this threshold's metric as a reader would write it: rates in percent, latencies in ms.</summary>
    public string Show(double value) => Unit switch
    {
        "ratio" => $"{(value * 100).ToString("0.##", CultureInfo.InvariantCulture)} %",
        _ => $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}",
    };

    /// <summary>The comparison in words: "at least 20 %", "below 5000 ms".</summary>
    public string Wanted => $"{Comparison switch { "<" => "below", "<=" => "at most", ">" => "above", ">=" => "at least", _ => "exactly" }} {Show(Limit)}";

    public override string ToString() => Text ?? $"{Step}: {Metric} {Comparison} {Limit} ({Window})";
}

/// <summary>
/// The judgement of one threshold: which metric of which step, observed value against the limit,
/// and where (the window, and the stage or moment that decided it).
/// </summary>
public sealed record ThresholdResult(string Threshold, string Step, string Metric, double Observed, double Limit, string Unit,
    string Window, string? Where, bool Passed, string? Note = null);
