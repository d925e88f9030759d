using System.Globalization;
using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>A row of "no key figure regressed" as the scenario writes it: a figure and the change it tolerates.</summary>
public sealed record RegressionRow(string Figure, string Tolerated);

public enum ComparedKind { Latency, SuccessRate, JobCompletion }

/// <summary>
/// A figure a regression is judged on, read from the scenario's words: "&lt;step&gt; P95" (any
/// percentile of a step's latency), "&lt;step&gt; success rate", or "job completion P95"; with its
/// tolerance, "10 %" (relative) or "1 point" (percentage points, for success rates).
/// </summary>
public sealed partial record RegressionFigure(string Words, ComparedKind Kind, string? Step, double Quantile, double Tolerance)
{
    public const string Accepted = "a figure as \"<step> P95\" (any percentile), \"<step> success rate\" or \"job completion P95\", steps being "
        + "upload, presign, s3_put, status, job; a tolerance as \"10 %\" (latencies) or \"1 point\" (success rates)";

    /// <summary>"%" for a relative change, "pt" for percentage points.</summary>
    public string ChangeUnit => Kind == ComparedKind.SuccessRate ? "pt" : "%";

    /// <exception cref="FormatException">the words name no figure, or the tolerance is not written as accepted</exception>
    public static RegressionFigure Parse(RegressionRow row)
    {
        var words = row.Figure.Trim();
        var tolerance = ToleranceWords().Match(row.Tolerated.Trim());
        if (!tolerance.Success) throw new FormatException($"tolerated change '{row.Tolerated}' of '{words}': accepted is {Accepted}");
        var amount = double.Parse(tolerance.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var points = tolerance.Groups["unit"].Value.StartsWith('p');
        if (JobCompletion().Match(words) is { Success: true } j)
            return Checked(new(words, ComparedKind.JobCompletion, null, Percent(j), amount), points, row);
        if (Latency().Match(words) is { Success: true } l && JourneySteps.All.Contains(l.Groups["step"].Value))
            return Checked(new(words, ComparedKind.Latency, l.Groups["step"].Value, Percent(l), amount), points, row);
        if (Success().Match(words) is { Success: true } s && JourneySteps.All.Contains(s.Groups["step"].Value))
            return Checked(new(words, ComparedKind.SuccessRate, s.Groups["step"].Value, 0, amount), points, row);
        throw new FormatException($"'{words}' names no figure: accepted is {Accepted}");
    }

    private static double Percent(Match m) => double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) / 100;

    private static RegressionFigure Checked(RegressionFigure figure, bool points, RegressionRow row) =>
        points == (figure.Kind == ComparedKind.SuccessRate) && figure.Quantile is >= 0 and < 1
            ? figure
            : throw new FormatException($"'{row.Figure}' tolerates '{row.Tolerated}': a success rate moves in points, a latency in percent ({Accepted})");

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>%|points?|pts?)$", RegexOptions.IgnoreCase)]
    private static partial Regex ToleranceWords();

    [GeneratedRegex(@"^job completion [Pp](?<p>\d{1,2}(\.\d+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex JobCompletion();

    [GeneratedRegex(@"^(?<step>[a-z0-9_]+) [Pp](?<p>\d{1,2}(\.\d+)?)$")]
    private static partial Regex Latency();

    [GeneratedRegex(@"^(?<step>[a-z0-9_]+) success rate$")]
    private static partial Regex Success();
}
