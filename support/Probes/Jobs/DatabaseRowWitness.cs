using MangaMotion.Acceptance.Settings;
using Npgsql;

namespace MangaMotion.Acceptance.Probes.Jobs;

/// <summary>
/// The job's row in PostgreSQL's `jobs` table (the contract's schema), where the deployment keeps one:
/// its status read with the same JOB_STATES_ vocabulary as the API's answers.
/// </summary>
public sealed class DatabaseRowWitness(PostgresSettings postgres, JobStates states) : IJobWitness
{
    public string Name => "PostgreSQL jobs rows";

    public Task StartAsync(CancellationToken cancellation) => Task.CompletedTask;

    public async Task<IReadOnlyDictionary<string, WitnessedFate>> AskAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellation)
    {
        var found = new Dictionary<string, WitnessedFate>();
        if (jobIds.Count == 0) return found;
        await using var connection = new NpgsqlConnection(PostgresProbe.ConnectionStringFor(postgres, "mm-acceptance-witness", maxPool: 1));
        await connection.OpenAsync(cancellation);
        await using var query = new NpgsqlCommand("SELECT id::text, status::text, failed_reason::text FROM jobs WHERE id::text = ANY($1)", connection)
            { Parameters = { new() { Value = jobIds.ToArray() } } };
        await using var reader = await query.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var state = states.Of(reader.IsDBNull(1) ? null : reader.GetString(1));
            if (state is JobState.Done or JobState.Failed)
                found[reader.GetString(0)] = new(state == JobState.Done, reader.IsDBNull(2) ? null : reader.GetString(2), Name);
        }
        return found;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
