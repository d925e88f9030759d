using System.Text.Json;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Stack.Flavors;

/// <summary>
/// BullMQ's key layout for one queue (`bull:ai-job`): the `:id` counter, a hash per job, the `:wait`
/// and `:active` lists, and the `:events` stream capped at about 10,000 entries. Finished jobs are
/// removed, as with BullMQ's removeOnComplete / removeOnFail, so their status turns not_found.
/// </summary>
public sealed class BullMqQueue(IDatabase redis, string waitKey)
{
    public string Prefix { get; } = waitKey.EndsWith(":wait", StringComparison.Ordinal) ? waitKey[..^":wait".Length] : waitKey;
    private string Key(string part) => $"{Prefix}:{part}";

    public async Task<long> AddAsync(object data)
    {
        var id = await redis.StringIncrementAsync(Key("id"));
        await redis.HashSetAsync(Key(id.ToString()), [new("name", "process"), new("data", JsonSerializer.Serialize(data)),
            new("timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new("attemptsMade", 0)]);
        await redis.ListLeftPushAsync(Key("wait"), id);
        await EventAsync("waiting", id.ToString());
        return id;
    }

    /// <summary>waiting, active or not_found (finished jobs are removed).</summary>
    public async Task<(string State, string? Data)> StateAsync(string id)
    {
        var fields = await redis.HashGetAsync(Key(id), ["data", "processedOn"]);
        if (fields[0].IsNull) return ("not_found", null);
        return (fields[1].IsNull ? "waiting" : "active", fields[0]);
    }

    /// <summary>Moves the oldest waiting job to active, or null when none waits.</summary>
    public async Task<(string Id, string Data)?> TakeAsync()
    {
        var id = await redis.ListRightPopLeftPushAsync(Key("wait"), Key("active"));
        if (id.IsNull) return null;
        await redis.HashSetAsync(Key(id!), "processedOn", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await EventAsync("active", id!);
        return (id!, (string?)await redis.HashGetAsync(Key(id!), "data") ?? "{}");
    }

    public async Task FinishAsync(string id, string? failedReason)
    {
        await redis.ListRemoveAsync(Key("active"), id);
        await redis.KeyDeleteAsync(Key(id));
        if (failedReason is null) await EventAsync("completed", id, new NameValueEntry("returnvalue", "{}"));
        else await EventAsync("failed", id, new NameValueEntry("failedReason", failedReason));
    }

    public Task<long> WaitingAsync() => redis.ListLengthAsync(Key("wait"));

    private Task EventAsync(string name, string id, params NameValueEntry[] more) =>
        redis.StreamAddAsync(Key("events"), [new("event", name), new("jobId", id), .. more], maxLength: 10_000, useApproximateMaxLength: true);
}
