namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// The judging code's own tolerances: how strong a symptom must be before a diagnosis quotes it, what
/// counts as a slow answer when errors are classified, and how much unknown a measurement may hold.
/// They are not acceptance criteria (the features' tables hold every threshold a criterion is judged
/// by); each is set where a healthy run on a busy two-core machine stays quiet while the matching
/// injected fault is named (the suite's fault proofs). README, "Judging tolerances", lists them.
/// </summary>
public static class JudgingTolerances
{
    /// <summary>An answer this slow (ms) or slower is classified "slow": where the guide's 1-5 s warning tier begins.</summary>
    public const double SlowResponseMs = 1000;

    /// <summary>Followed jobs whose fate stayed unknown, as a share: past it the job criteria are NOT_MEASURED rather than judged on the rest.</summary>
    public const double UnknownJobShare = 0.05;

    /// <summary>
    /// The ramp's response-time increase is measured against the first stage's p95 or this (ms), whichever
    /// is larger: on an API answering in tens of milliseconds, a few milliseconds of jitter is not a 50 % degradation.
    /// </summary>
    public const double BaselineFloorMs = 100;

    /// <summary>S3 PUTs failing (5xx, timeout, reset, refused) as a share of all PUTs: one in a hundred is no longer a blip.</summary>
    public const double StorageFailureShare = 0.01;

    /// <summary>The test's own S3 PUT p95 (ms): a fifth of the guide's 10 s upload limit, far above a healthy PUT of 500 KB.</summary>
    public const double StoragePutP95Ms = 2000;

    /// <summary>The storage probe's own PUT of a small object (ms), counted only while the probes' machine had CPU to spare.</summary>
    public const double StorageProbePutMs = 1000;

    /// <summary>Probe failures (or samples with lock waits) needed: one alone can be a hiccup of the probe itself.</summary>
    public const int RepeatedSamples = 2;

    /// <summary>PostgreSQL connections in use as a share of max_connections: past it new sessions are about to be refused.</summary>
    public const double ConnectionsUsedShare = 0.9;

    /// <summary>Jobs a test found queued before it started, below which starting behind explains nothing.</summary>
    public const double BacklogJobs = 10;

    /// <summary>The worker is behind when the queue grew by <see cref="BacklogJobs"/> and it drained less than this share of arrivals.</summary>
    public const double DrainedShare = 0.9;

    /// <summary>Seconds with requests a step needs before its response-time trend is read (its first and last fifths compared).</summary>
    public const int TrendSeconds = 6;

    /// <summary>The last fifth's median p95 against the first fifth's: half as slow again is a degradation.</summary>
    public const double TrendRise = 1.5;

    /// <summary>A rise ending below this p95 (ms) is noise, however large in proportion.</summary>
    public const double TrendFloorMs = 200;

    /// <summary>The suite machine's CPU (%) from which a probe's own timings stop counting as evidence (Locust's warning level).</summary>
    public const double MachineLimitPercent = 90;

    /// <summary>How near (s) a probe sample must be to a busy second of the suite's machine to be left out.</summary>
    public const double BusyNeighbourhoodSeconds = 1.5;
}
