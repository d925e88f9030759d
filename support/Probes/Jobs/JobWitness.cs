namespace MangaMotion.Acceptance.Probes.Jobs;

/// <summary>How a job ended, as a witness other than the status endpoint saw it.</summary>
public sealed record WitnessedFate(bool Completed, string? Reason, string Witness);

/// <summary>
/// Something other than GET /api/status that can tell how a job ended: the queue's own records, the
/// job's database row. Asked about the jobs whose status turned not_found (ended, fate unknown).
/// </summary>
public interface IJobWitness : IAsyncDisposable
{
    /// <summary>Where it looks, for the report ("BullMQ events of bull:ai-job").</summary>
    string Name { get; }

    /// <summary>Starts watching before the test's load (a stream is tailed from here on).</summary>
    Task StartAsync(CancellationToken cancellation);

    /// <summary>The fates it knows among <paramref name="jobIds"/>; jobs it cannot tell of are left out.</summary>
    /// <exception cref="Exception">the witness could not be read (reported as such, never as a fate)</exception>
    Task<IReadOnlyDictionary<string, WitnessedFate>> AskAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellation);
}
