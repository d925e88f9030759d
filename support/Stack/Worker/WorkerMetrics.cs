using System.Globalization;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Worker;

/// <summary>The worker's counters and recent processing times, kept in Redis so the API's /api/metrics can report them.</summary>
public static class WorkerMetrics
{
    public const string CountersKey = "mm:stack:metrics";
    public const string DurationsKey = "mm:stack:durations";
    private const int Kept = 2000;

    public static async Task RecordAsync(IDatabase redis, bool completed, TimeSpan duration)
    {
        await redis.HashIncrementAsync(CountersKey, completed ? "job_processed_total" : "job_failed_total");
        await redis.ListLeftPushAsync(DurationsKey, duration.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        await redis.ListTrimAsync(DurationsKey, 0, Kept - 1);
    }

    public static async Task<IReadOnlyList<double>> RecentDurationsAsync(IDatabase redis) =>
        (await redis.ListRangeAsync(DurationsKey)).Select(v => double.Parse((string)v!, CultureInfo.InvariantCulture)).ToList();
}
