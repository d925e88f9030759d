using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.Pipeline;

/// <summary>The guide's pre-test steps the settings ask for, once before the run's first test.</summary>
public static class PrepareStage
{
    /// <summary>The guide's FLUSHDB when FLUSH_REDIS_BEFORE_RUN asks for it (the settings refused it for a remote Redis unless allowed); what was done, said.</summary>
    public static async Task<string> FlushRedisAsync(SuiteSettings settings, TargetEndpoints endpoints, Action<string> say)
    {
        string said;
        try
        {
            said = await new TestDataCleanup(endpoints.Postgres, endpoints.Redis, endpoints.S3)
                .FlushRedisIfAllowedAsync(settings.FlushRedis, settings.FlushRemoteRedis || endpoints.Embedded);
        }
        catch (Exception e) { said = $"Redis not flushed, FLUSH_REDIS_BEFORE_RUN failed: {e.GetType().Name}: {e.Message}"; }
        if (settings.FlushRedis) say($"before the first test: {said}");
        return said;
    }
}
