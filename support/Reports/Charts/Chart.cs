using ScottPlot;

namespace MangaMotion.Acceptance.Reports.Charts;

/// <summary>
/// A chart of the sign-off and the living doc: a ScottPlot plot drawn as a PNG (inside an &lt;img&gt; data
/// URI on the sign-off, so the page opens without a network; a file attached to its scenario in the living doc). (PNG rather than Skia's SVG: the SVG backend drops dashed
/// lines, which tell p99 from p95.) One look for all: light grid, legend below, a color per series.
/// </summary>
internal static class Chart
{
    public const int Width = 640;
    public const int Height = 300;

    private static readonly Color[] Palette =
        [Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"), Color.FromHex("#17becf"), Color.FromHex("#8c564b")];

    public static Color ColorAt(int i) => Palette[i % Palette.Length];

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        plot.Grid.MajorLineColor = Color.FromHex("#e6e6e6");
        return plot;
    }

    public static void Line(Plot plot, double[] xs, double[] ys, string legend, Color color, LinePattern? pattern = null, IYAxis? axis = null)
    {
        if (xs.Length == 0) return;
        var line = plot.Add.Scatter(xs, ys, color);
        line.LegendText = legend;
        line.MarkerSize = xs.Length <= 30 ? 4 : 0;
        line.LineWidth = 2;
        if (pattern is { } p) line.LinePattern = p;
        if (axis is not null) line.Axes.YAxis = axis;
    }

    /// <summary>The plot as a PNG; the y axes start at zero so a small wobble does not look like a cliff.</summary>
    public static ChartImage Render(Plot plot, int width = Width, int height = Height, double? xMax = null, double xMin = 0)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.AutoScale();
        if (xMax is { } max && max > xMin) plot.Axes.SetLimitsX(xMin, max);
        var used = plot.GetPlottables().Select(p => p.Axes.YAxis).ToHashSet();
        foreach (var axis in plot.Axes.GetYAxes())
        {
            if (!used.Contains(axis))
            {
                // Kept (for the frame's margin) but blank: an axis with no series says nothing.
                axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
                continue;
            }
            var range = axis.Range;
            axis.Range.Set(0, Math.Max(range.Max * 1.05, 1));
        }
        return new ChartImage(plot.Axes.Title.Label.Text, plot.GetImage(width, height).GetImageBytes(ImageFormat.Png), width, height);
    }
}

/// <summary>A drawn chart: its title and PNG, embedded in a page or written as a file for the living doc.</summary>
public sealed record ChartImage(string Title, byte[] Png, int Width, int Height)
{
    /// <summary>An &lt;img&gt; element with the PNG inside (a data URI), so the page opens without a network.</summary>
    public string Html()
    {
        var title = System.Net.WebUtility.HtmlEncode(Title);
        return $"<img width=\"{Width}\" height=\"{Height}\" alt=\"{title}\" title=\"{title}\" src=\"data:image/png;base64,{Convert.ToBase64String(Png)}\">";
    }
}
