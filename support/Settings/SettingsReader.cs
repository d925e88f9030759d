using System.Globalization;

namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// Reads the settings from environment variables, checks every one against what it accepts and
/// the ones that depend on each other, and reports all problems together, before any load is sent.
/// </summary>
public static class SettingsReader
{
    /// <summary>Set by Kubernetes in each pod of an Indexed Job: the default of AGENT_INDEX.</summary>
    public const string JobCompletionIndex = "JOB_COMPLETION_INDEX";

    public static SuiteSettings FromEnvironment() =>
        Read(SettingsCatalog.All.Select(s => s.Name).Append(JobCompletionIndex).ToDictionary(n => n, Environment.GetEnvironmentVariable));

    /// <exception cref="InvalidSettingsException">naming each setting that cannot be used and what it accepts</exception>
    public static SuiteSettings Read(IReadOnlyDictionary<string, string?> environment)
    {
        // Registered first, so that even a refused setting's error cannot show another one's secret.
        Redaction.Register(SettingsCatalog.All.Where(s => s.IsSecret).Select(s => environment.GetValueOrDefault(s.Name)));
        var values = new Values(environment);
        var c = Typed(values);
        values.Check(SettingsCatalog.MaxUsers, c.MaxUsers >= c.InitialUsers,
            $"must not be below INITIAL_USERS ({c.InitialUsers})", $"a whole number from {c.InitialUsers} to {SettingsCatalog.MaxUsers.Max}");
        values.Check(SettingsCatalog.StepDuration, c.StepDuration > TimeSpan.Zero, "must be longer than zero", DurationText.Accepted);
        values.Check(SettingsCatalog.Duration, c.Duration is null || c.Duration > TimeSpan.Zero, "must be longer than zero", DurationText.Accepted);
        var unknown = c.SkipProbes.Except(ProbeNames.All).ToList();
        values.Check(SettingsCatalog.SkipProbes, unknown.Count == 0, $"names unknown components ({string.Join(", ", unknown)})", $"a comma separated list of {string.Join(", ", ProbeNames.All)}");
        foreach (var (setting, problem) in c.JobStates.Problems())
            values.Check(setting, false, problem, "a comma separated list of status values, none of them in another JOB_STATES_ list or not_found");
        values.Check(SettingsCatalog.PrometheusRateWindow, c.Prometheus.RateWindow >= TimeSpan.FromSeconds(1), "must be at least 1s", DurationText.Accepted);
        values.Check(SettingsCatalog.QueueDrainWait, c.QueueDrainWait is null || c.QueueDrainWait >= TimeSpan.Zero, "must not be negative", DurationText.Accepted);
        values.Check(SettingsCatalog.RunDeadline, c.RunDeadline is null || c.RunDeadline > TimeSpan.Zero, "must be longer than zero", DurationText.Accepted);
        CheckAgents(values, c);
        CheckHistory(values, c);
        if (values.Errors.Count > 0) throw new InvalidSettingsException(values.Errors);
        var settings = c with { Values = values.Shown() };
        var safety = TargetSafety.Check(settings);
        if (safety.Count > 0) throw new InvalidSettingsException(safety);
        return settings;
    }

    private static SuiteSettings Typed(Values v)
    {
        var s3Endpoint = v.Url(SettingsCatalog.S3Endpoint) ?? new Uri(SettingsCatalog.S3Endpoint.Default!);
        return new SuiteSettings(
            v.Choice(SettingsCatalog.Profile),
            v.Url(SettingsCatalog.BaseUrl),
            v.OptionalInteger(SettingsCatalog.FileSizeKb),
            v.Integer(SettingsCatalog.ConcurrentUsers),
            v.Integer(SettingsCatalog.MaxPollAttempts),
            TimeSpan.FromMilliseconds(v.Integer(SettingsCatalog.PollIntervalMs)),
            v.Integer(SettingsCatalog.InitialUsers),
            v.Integer(SettingsCatalog.MaxUsers),
            v.Integer(SettingsCatalog.RampUpStep),
            v.Duration(SettingsCatalog.StepDuration),
            v.OptionalInteger(SettingsCatalog.Vus),
            v.OptionalDuration(SettingsCatalog.Duration),
            new PostgresSettings(v.Text(SettingsCatalog.PostgresHost), v.Integer(SettingsCatalog.PostgresPort),
                v.Text(SettingsCatalog.PostgresUser), v.OptionalText(SettingsCatalog.PostgresPassword), v.Text(SettingsCatalog.PostgresDatabase)),
            new RedisSettings(v.Text(SettingsCatalog.RedisHost), v.Integer(SettingsCatalog.RedisPort),
                v.OptionalText(SettingsCatalog.RedisPassword), v.Text(SettingsCatalog.QueueKey), v.Choice(SettingsCatalog.QueueKind)),
            new S3Settings(s3Endpoint, v.Text(SettingsCatalog.S3AccessKey), v.Text(SettingsCatalog.S3SecretKey), v.Text(SettingsCatalog.S3Bucket)),
            []) with
        {
            SkipProbes = v.Text(SettingsCatalog.SkipProbes).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => x.ToLowerInvariant()).ToHashSet(),
            FlushRedis = v.Flag(SettingsCatalog.FlushRedis),
            FlushRemoteRedis = v.Flag(SettingsCatalog.FlushRemoteRedis),
            StackFaults = v.Text(SettingsCatalog.StackFaults),
            StackFlavor = v.Choice(SettingsCatalog.StackFlavor),
            LoadTransport = v.Choice(SettingsCatalog.LoadTransport),
            Prometheus = new PrometheusSettings(v.Url(SettingsCatalog.PrometheusUrl), v.Text(SettingsCatalog.PrometheusSelector), v.Text(SettingsCatalog.PrometheusCpuQuery),
                v.Text(SettingsCatalog.PrometheusMemoryQuery), v.Duration(SettingsCatalog.PrometheusRateWindow)),
            TargetProcesses = v.Text(SettingsCatalog.TargetProcesses).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            QueueDrainWait = v.OptionalDuration(SettingsCatalog.QueueDrainWait),
            JobStates = new JobStates(JobStates.List(v.Text(SettingsCatalog.JobStatesDone)), JobStates.List(v.Text(SettingsCatalog.JobStatesFailed)),
                JobStates.List(v.Text(SettingsCatalog.JobStatesPending))),
            AllowAboveCaps = v.Flag(SettingsCatalog.AllowAboveCaps),
            ConfirmTarget = v.Text(SettingsCatalog.ConfirmTarget),
            RunDeadline = v.OptionalDuration(SettingsCatalog.RunDeadline),
            BaselineRun = v.Text(SettingsCatalog.BaselineRun),
            RegressionP95Percent = v.Integer(SettingsCatalog.RegressionP95Percent),
            RegressionSuccessPoints = v.Integer(SettingsCatalog.RegressionSuccessPoints),
            History = new HistorySettings(v.OptionalText(SettingsCatalog.HistoryUri), v.OptionalInteger(SettingsCatalog.BaselineWindow), v.OptionalText(SettingsCatalog.TargetVersion)),
            Agents = new AgentSettings(v.Integer(SettingsCatalog.Agents),
                v.OptionalInteger(SettingsCatalog.AgentIndex) ?? (int.TryParse(v.Environment(JobCompletionIndex), out var index) ? index : 0),
                v.OptionalText(SettingsCatalog.RunId), v.OptionalText(SettingsCatalog.ResultsUri), v.Duration(SettingsCatalog.AgentDeadline), v.Flag(SettingsCatalog.MergeOnly)),
        };
    }

    private static void CheckHistory(Values values, SuiteSettings c) =>
        values.Check(SettingsCatalog.HistoryUri, c.History.Uri is null || HistorySettings.IsHistoryUri(c.History.Uri), "is not a store the history can be kept in", HistorySettings.Accepted);

    /// <summary>Agents must agree on a run, a place for their results and one deployment; each must be one of them.</summary>
    private static void CheckAgents(Values values, SuiteSettings c)
    {
        var a = c.Agents;
        values.Check(SettingsCatalog.AgentIndex, a.Index < a.Count, $"must be below AGENTS ({a.Count})", $"a whole number from 0 to {a.Count - 1}");
        values.Check(SettingsCatalog.AgentDeadline, a.Deadline > TimeSpan.Zero, "must be longer than zero", DurationText.Accepted);
        if (!a.Distributed) return;
        var why = a.MergeOnly ? "merging a run's results" : $"AGENTS is {a.Count}";
        values.Check(SettingsCatalog.RunId, a.RunId is { } id && AgentSettings.IsRunId(id), a.RunId is null ? $"is needed when {why}" : "is not a usable run id", AgentSettings.RunIdAccepted);
        values.Check(SettingsCatalog.ResultsUri, a.ResultsUri is { } uri && AgentSettings.IsResultsUri(uri), a.ResultsUri is null ? $"is needed when {why}" : "is not an s3:// URI or an absolute folder", AgentSettings.ResultsAccepted);
        values.Check(SettingsCatalog.BaseUrl, a.MergeOnly || c.BaseUrl is not null, $"is needed when {why}: every agent must load the same deployment (each would start its own embedded stack)",
            SettingsCatalog.BaseUrl.Accepted);
    }

    /// <summary>Typed access to raw values that records a named error for each that cannot be used.</summary>
    internal sealed class Values(IReadOnlyDictionary<string, string?> environment)
    {
        public List<SettingError> Errors { get; } = [];

        /// <summary>A variable the suite does not own but reads (Kubernetes' JOB_COMPLETION_INDEX).</summary>
        public string? Environment(string name) => environment.GetValueOrDefault(name);

        public string? Raw(Setting s) => environment.TryGetValue(s.Name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        public string Text(Setting s) => Raw(s) ?? s.Default ?? "";

        public string? OptionalText(Setting s) => Raw(s) ?? s.Default;

        public string Choice(Setting s)
        {
            var text = Text(s);
            if (s.Choices!.Contains(text, StringComparer.Ordinal)) return text;
            Fail(s, "is not a known value");
            return s.Default!;
        }

        public int Integer(Setting s) => OptionalInteger(s) ?? 0;

        public bool Flag(Setting s)
        {
            var text = Text(s).ToLowerInvariant();
            if (text is "true" or "1" or "yes") return true;
            if (text is "false" or "0" or "no") return false;
            Fail(s, "is not true or false");
            return false;
        }

        public int? OptionalInteger(Setting s)
        {
            var text = OptionalText(s);
            if (text is null) return null;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= s.Min && n <= s.Max) return (int)n;
            Fail(s, long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "is out of range" : "is not a whole number");
            return null;
        }

        public TimeSpan Duration(Setting s) => OptionalDuration(s) ?? TimeSpan.Zero;

        public TimeSpan? OptionalDuration(Setting s)
        {
            var text = OptionalText(s);
            if (text is null) return null;
            if (DurationText.TryParse(text, out var d)) return d;
            Fail(s, "is not a duration");
            return null;
        }

        public Uri? Url(Setting s)
        {
            var text = OptionalText(s);
            if (text is null) return null;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0) return uri;
            Fail(s, "is not an http(s) URL");
            return null;
        }

        public void Check(Setting s, bool ok, string problem, string accepted)
        {
            if (!ok && Errors.All(e => e.Name != s.Name)) Errors.Add(new SettingError(s.Name, s.Shown(Raw(s) ?? s.Default), problem, accepted));
        }

        public IReadOnlyList<SettingValue> Shown() =>
            SettingsCatalog.All.Select(s => new SettingValue(s.Name, s.Shown(OptionalText(s)), Raw(s) is not null)).ToList();

        private void Fail(Setting s, string problem) => Errors.Add(new SettingError(s.Name, s.Shown(OptionalText(s)), problem, s.Accepted));
    }
}
