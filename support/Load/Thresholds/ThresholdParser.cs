using System.Globalization;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Load.Thresholds;

/// <summary>
/// Reads thresholds written as text: <c>step: metric op value [per stage | over 30s] [abort [after 10s]]</c>,
/// e.g. <c>upload: p(95) &lt; 5s</c>, <c>presign: rate &gt; 95%</c>, <c>upload: p99 &lt; 2s over 30s abort after 60s</c>.
/// </summary>
public static partial class ThresholdParser
{
    [GeneratedRegex(@"^\s*(?<step>[^:]+?)\s*:\s*(?<metric>p\(\s*\d+(\.\d+)?\s*\)|p\d+(\.\d+)?|avg|min|max|count|rate|error_rate|rps)\s*(?<op><=|>=|==|<|>)\s*(?<value>-?\d+(\.\d+)?)\s*(?<unit>ms|s|m|%)?\s*(?<window>per stage|over\s+\d+(\.\d+)?\s*(ms|s|m))?\s*(?<abort>abort(\s+after\s+\d+(\.\d+)?\s*(ms|s|m))?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Grammar();

    public static Threshold Parse(string text)
    {
        var m = Grammar().Match(text);
        if (!m.Success)
            throw new FormatException($"'{text}' is not a threshold; write 'step: metric op value [per stage | over 30s] [abort after 10s]' with metric one of {string.Join(", ", Threshold.Metrics)}");
        var metric = NormalizeMetric(m.Groups["metric"].Value.ToLowerInvariant());
        var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var limit = unit switch
        {
            "%" when metric is "rate" or "error_rate" => value / 100,
            "%" => throw new FormatException($"'{text}': % only fits rate and error_rate"),
            "ms" or "s" or "m" when metric.StartsWith('p') || metric is "avg" or "min" or "max" => Millis(value, unit),
            "ms" or "s" or "m" => throw new FormatException($"'{text}': a duration only fits latency metrics"),
            _ => value,
        };
        var windowText = m.Groups["window"].Value.ToLowerInvariant();
        ThresholdWindow window = windowText.Length == 0 ? ThresholdWindow.Whole
            : windowText == "per stage" ? ThresholdWindow.PerStage
            : new ThresholdWindow.Sliding(Duration(windowText["over".Length..]));
        var abort = m.Groups["abort"].Value.ToLowerInvariant();
        var grace = abort.Contains("after") ? Duration(abort[(abort.IndexOf("after", StringComparison.Ordinal) + 5)..]) : TimeSpan.Zero;
        return new Threshold(m.Groups["step"].Value.Trim(), metric, m.Groups["op"].Value, limit, window, abort.Length > 0, grace, text.Trim());
    }

    private static string NormalizeMetric(string metric) =>
        metric.StartsWith("p(") ? "p(" + metric[2..^1].Trim() + ")" : metric.StartsWith('p') && metric.Length > 1 && char.IsDigit(metric[1]) ? $"p({metric[1..]})" : metric;

    private static double Millis(double value, string unit) => unit switch { "s" => value * 1000, "m" => value * 60_000, _ => value };

    private static TimeSpan Duration(string text)
    {
        var m = Regex.Match(text.Trim(), @"^(\d+(\.\d+)?)\s*(ms|s|m)$");
        return TimeSpan.FromMilliseconds(Millis(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[3].Value));
    }
}
