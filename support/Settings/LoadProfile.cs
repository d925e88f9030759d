namespace MangaMotion.Acceptance.Settings;

/// <summary>The size of one guide test: users, duration, page size, and for the ramp its steps.</summary>
public sealed record TestSize(int Users, TimeSpan Duration, int FileSizeKb, int InitialUsers = 0, int MaxUsers = 0, int RampUpStep = 0, TimeSpan StepDuration = default)
{
    public string Describe() => MaxUsers > 0
        ? $"{InitialUsers} to {MaxUsers} users, +{RampUpStep} every {DurationText.Format(StepDuration)}"
        : $"{Users} users for {DurationText.Format(Duration)}, {FileSizeKb} KB pages";
}

/// <summary>
/// The sizes a profile applies: release is the guide's own (the only one that can sign off); smoke
/// scales the same tests down to minutes on two cores. Any guide variable set explicitly wins over
/// the profile, and VUS / DURATION override every fixed-size test.
/// </summary>
public sealed record LoadProfile(string Name, TestSize Uploads, TestSize Presign, TestSize Worker, TestSize Bottleneck, TimeSpan CoolDown, int MaxPollAttempts, TimeSpan PollInterval)
{
    public bool CanSignOff => Name == "release";

    /// <summary>What the release profile applies with the settings given (VUS, DURATION and the guide's variables win).</summary>
    public static LoadProfile Release(SuiteSettings s) => Build(s, "release", release: true, overrides: true);

    /// <summary>The guide's own release sizes, whatever is set: the least load a run must apply to sign a release off.</summary>
    public static LoadProfile GuideRelease(SuiteSettings s) => Build(s, "release", release: true, overrides: false);

    public static LoadProfile For(SuiteSettings s) => Build(s, s.Profile, s.Profile == "release", overrides: true);

    private static LoadProfile Build(SuiteSettings s, string name, bool release, bool overrides)
    {
        bool Explicit(Setting setting) => overrides && s.Values.Any(v => v.Name == setting.Name && v.FromEnvironment);
        int Pick(Setting setting, int releaseValue, int smokeValue, int actual) => Explicit(setting) ? actual : release ? releaseValue : smokeValue;
        var (vus, fileKb) = overrides ? (s.Vus, s.FileSizeKb) : (null, null);
        var duration = (overrides ? s.Duration : null) ?? (release ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(20));
        TestSize Fixed(int releaseUsers, int smokeUsers, int kb) => new(vus ?? (release ? releaseUsers : smokeUsers), duration, fileKb ?? kb);
        var uploads = Fixed(50, 5, 100) with { Users = vus ?? Pick(SettingsCatalog.ConcurrentUsers, 50, 5, s.ConcurrentUsers) };
        var ramp = new TestSize(0, TimeSpan.Zero, fileKb ?? 100,
            Pick(SettingsCatalog.InitialUsers, 10, 2, s.InitialUsers), Pick(SettingsCatalog.MaxUsers, 200, 6, s.MaxUsers),
            Pick(SettingsCatalog.RampUpStep, 10, 2, s.RampUpStep),
            Explicit(SettingsCatalog.StepDuration) ? s.StepDuration : release ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(10));
        return new LoadProfile(name, uploads, Fixed(30, 4, 500), Fixed(20, 3, 100), ramp,
            release ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3), s.MaxPollAttempts, s.PollInterval);
    }
}
