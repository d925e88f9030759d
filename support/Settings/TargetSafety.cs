using System.Net;

namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Safety of the system under test, checked with the settings, before any load: each profile has
/// hard caps on virtual users and on a test's duration (lifted only by ALLOW_ABOVE_CAPS=true), and the
/// release profile runs against a machine other than this one only when CONFIRM_TARGET names its host;
/// the guide's FLUSHDB empties a Redis on another machine only when FLUSH_REMOTE_REDIS allows it too.
/// </summary>
public static class TargetSafety
{
    public sealed record Caps(int Users, TimeSpan TestDuration);

    public static Caps CapsOf(string profile) => profile == "release"
        ? new Caps(500, TimeSpan.FromMinutes(90))
        : new Caps(50, TimeSpan.FromMinutes(10));

    /// <summary>The run's deadline: RUN_DEADLINE, or the profile's default (far above the guide's sizes, well below a CI job's limit).</summary>
    public static TimeSpan RunDeadline(SuiteSettings s) => s.RunDeadline ?? (s.Profile == "release" ? TimeSpan.FromHours(4) : TimeSpan.FromMinutes(30));

    public static IReadOnlyList<SettingError> Check(SuiteSettings s)
    {
        var errors = new List<SettingError>();
        if (!s.AllowAboveCaps) CheckCaps(s, errors);
        if (s.Profile == "release" && s.BaseUrl is { } url && !IsThisMachine(url.Host) && !string.Equals(s.ConfirmTarget, url.Host, StringComparison.OrdinalIgnoreCase))
            errors.Add(new SettingError(SettingsCatalog.ConfirmTarget.Name, s.ConfirmTarget.Length == 0 ? "(unset)" : s.ConfirmTarget,
                $"must name the target's host to run the release profile's full load against {url.Host}, which is not this machine",
                $"the host of BASE_URL written out: CONFIRM_TARGET={url.Host}"));
        if (s.FlushRedis && !s.FlushRemoteRedis && !s.UsesEmbeddedStack && !IsThisMachine(s.Redis.Host))
            errors.Add(new SettingError(SettingsCatalog.FlushRedis.Name, "true",
                $"would delete every key of the Redis at {s.Redis.Host}, which is not this machine",
                "false, or FLUSH_REMOTE_REDIS=true beside it to allow that deletion"));
        return errors;
    }

    public static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static void CheckCaps(SuiteSettings s, List<SettingError> errors)
    {
        var caps = CapsOf(s.Profile);
        var p = LoadProfile.For(s);
        string Lift(string what) => $"{what} under the {s.Profile} profile, or ALLOW_ABOVE_CAPS=true to lift the caps";
        void Users(int users, Setting setting)
        {
            if (users > caps.Users && errors.All(e => e.Name != setting.Name))
                errors.Add(new SettingError(setting.Name, users.ToString(), $"would run {users} virtual users, above the {s.Profile} profile's cap of {caps.Users}", Lift($"at most {caps.Users}")));
        }
        void Duration(TimeSpan d, Setting setting, string what)
        {
            if (d > caps.TestDuration && errors.All(e => e.Name != setting.Name))
                errors.Add(new SettingError(setting.Name, DurationText.Format(d), $"would make {what} run {DurationText.Format(d)}, above the {s.Profile} profile's cap of {DurationText.Format(caps.TestDuration)} per test",
                    Lift($"a test of at most {DurationText.Format(caps.TestDuration)}")));
        }
        var fixedUsers = s.Vus is not null ? SettingsCatalog.Vus : SettingsCatalog.ConcurrentUsers;
        Users(p.Uploads.Users, fixedUsers);
        Users(Math.Max(p.Presign.Users, p.Worker.Users), SettingsCatalog.Vus);
        Users(p.Bottleneck.MaxUsers, SettingsCatalog.MaxUsers);
        Duration(p.Uploads.Duration, SettingsCatalog.Duration, "each fixed-size test");
        var steps = (p.Bottleneck.MaxUsers - p.Bottleneck.InitialUsers) / Math.Max(1, p.Bottleneck.RampUpStep) + 1;
        Duration(p.Bottleneck.StepDuration * steps, SettingsCatalog.StepDuration, $"the bottleneck ramp ({steps} steps)");
    }
}
