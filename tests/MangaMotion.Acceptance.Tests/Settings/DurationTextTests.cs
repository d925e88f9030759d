using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Settings;

public sealed class DurationTextTests
{
    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("1.5s", 1_500)]
    [TestCase("2m", 120_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("1m30s", 90_000)]
    [TestCase(" 5M ", 300_000)]
    public void Parses_k6_style_durations(string text, int milliseconds)
    {
        Assert.That(DurationText.TryParse(text, out var d), Is.True);
        Assert.That(d, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("5")]
    [TestCase("-5s")]
    [TestCase("five minutes")]
    [TestCase("5m5m")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.That(DurationText.TryParse(text, out _), Is.False);

    [TestCase(120_000, "2m")]
    [TestCase(90_000, "1m30s")]
    [TestCase(500, "500ms")]
    [TestCase(1_500, "1.5s")]
    [TestCase(7_200_000, "2h")]
    public void Formats_the_shortest_text(int milliseconds, string text) =>
        Assert.That(DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)), Is.EqualTo(text));
}
