using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Whether a run may sign a release off, from the load it really applied, not the profile's name: a
/// release-profile run whose every guide test applied at least the release profile's load (users,
/// durations, the ramp's reach and step length) and ran to its end, with a generator that was never
/// saturated, and no criterion NOT_MEASURED or INCOMPLETE. Otherwise each reason names what fell short.
/// </summary>
public sealed record SignOffEligibility(bool Eligible, IReadOnlyList<string> Reasons)
{
    public string Describe() => Eligible
        ? "eligible: every guide test applied at least the release profile's load, the load generator was never saturated and every criterion was measured"
        : "not eligible: " + string.Join("; ", Reasons);

    public static SignOffEligibility Judge(string profile, bool interrupted, IReadOnlyList<GuideTestRecord> tests, IReadOnlyList<CriterionResult> criteria, IReadOnlyList<string> guideTests)
    {
        var reasons = new List<string>();
        if (profile != "release") reasons.Add($"a sign-off is only issued from a release-profile run (this was {profile})");
        if (interrupted) reasons.Add("the run was cut short");
        var missing = guideTests.Except(tests.Select(t => t.TestId)).ToList();
        if (missing.Count > 0) reasons.Add($"not every guide test ran (missing: {string.Join(", ", missing)})");
        foreach (var t in tests)
        {
            if (t.AppliedSize is { } applied && t.ReleaseSize is { } release && ShortOf(applied, release) is { Count: > 0 } gaps)
                reasons.Add($"{t.TestId} applied less than the release profile's load: {string.Join(", ", gaps)}");
            if (t.Load.StoppedEarly is { } why) reasons.Add($"{t.TestId} stopped early ({why})");
            if (t.Load.Generator is { Saturated: true } g) reasons.Add($"the load generator was saturated during {t.TestId} ({string.Join("; ", g.Reasons)})");
        }
        var unmeasured = criteria.Where(c => c.Verdict is Verdict.NotMeasured or Verdict.Incomplete).Select(c => c.Id).ToList();
        if (unmeasured.Count > 0) reasons.Add($"{unmeasured.Count} criteria not measured or incomplete ({string.Join(", ", unmeasured)})");
        return new SignOffEligibility(reasons.Count == 0, reasons);
    }

    /// <summary>Where an applied size is lighter than the release profile's, each as "what: applied &lt; release".</summary>
    public static IReadOnlyList<string> ShortOf(TestSize applied, TestSize release)
    {
        var gaps = new List<string>();
        void Less(string what, double a, double r, string shown) { if (a < r) gaps.Add($"{what} {shown}"); }
        if (release.MaxUsers > 0)
        {
            Less("ramp reach", applied.MaxUsers, release.MaxUsers, $"{applied.MaxUsers} < {release.MaxUsers} users");
            Less("step duration", applied.StepDuration.TotalSeconds, release.StepDuration.TotalSeconds,
                $"{DurationText.Format(applied.StepDuration)} < {DurationText.Format(release.StepDuration)}");
        }
        else
        {
            Less("users", applied.Users, release.Users, $"{applied.Users} < {release.Users}");
            Less("duration", applied.Duration.TotalSeconds, release.Duration.TotalSeconds, $"{DurationText.Format(applied.Duration)} < {DurationText.Format(release.Duration)}");
        }
        Less("page size", applied.FileSizeKb, release.FileSizeKb, $"{applied.FileSizeKb} KB < {release.FileSizeKb} KB");
        return gaps;
    }
}
