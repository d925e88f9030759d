using MangaMotion.Acceptance.Settings;
using MangaMotion.Acceptance.Results;
using MangaMotion.Acceptance.Probes;
using MangaMotion.Acceptance.Probes.Jobs;

namespace MangaMotion.Acceptance.Drivers;

/// <summary>
/// Settles the fate of jobs whose status turned not_found, after the load: first each per-job witness
/// (the queue's events and sets, the job's database row), then the API's own counters for what is left
/// (only when job_failed_total did not grow at all and job_processed_total grew by at least as many).
/// A witness that cannot be read is named in the log, never taken as a fate.
/// </summary>
public static class JobFates
{
    public const string ProcessedCounter = ApiMeasurements.JobsProcessed, FailedCounter = ApiMeasurements.JobsFailed;

    public static async Task SettleAsync(JobLedger ledger, IReadOnlyList<IJobWitness> witnesses, InfrastructureSeries series, Action<string> say)
    {
        foreach (var witness in witnesses)
        {
            var gone = ledger.GoneIds;
            if (gone.Count == 0) return;
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                ledger.Apply(await witness.AskAsync(gone, deadline.Token));
            }
            catch (Exception e) { say($"the job witness '{witness.Name}' could not be read: {e.GetType().Name}: {e.Message}"); }
        }
        ApplyCounters(ledger, series);
    }

    public static void ApplyCounters(JobLedger ledger, InfrastructureSeries series)
    {
        var gone = ledger.GoneIds;
        if (gone.Count == 0) return;
        if (series.Growth(ProbeNames.Api, FailedCounter) is not 0 || series.Growth(ProbeNames.Api, ProcessedCounter) is not { } processed || processed < gone.Count) return;
        var witness = $"the API's counters (job_processed_total grew by {processed:0}, job_failed_total did not grow)";
        ledger.Apply(gone.ToDictionary(id => id, _ => new WitnessedFate(true, null, witness)));
    }
}
