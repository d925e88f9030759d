using MangaMotion.Acceptance.Stack.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MangaMotion.Acceptance.Stack.Api;

/// <summary>
/// /admin: switch faults during a run. Not part of the MangaMotion contract: only the embedded
/// stack has it, and the suite's own tests use it to prove each criterion fails when it should.
/// </summary>
public static class AdminEndpoints
{
    public sealed record LockRequest(int Seconds = 10, bool Exclusive = true);
    public sealed record ExhaustRequest(int Connections = 1000, int Seconds = 10);
    public sealed record FillRequest(int Count = 100);

    public static void Map(WebApplication app, ApiServices api, DatabaseFaults database)
    {
        var admin = app.MapGroup("/admin");
        admin.MapGet("/faults", () => Results.Text(api.Faults.Current.ToJson(), "application/json"));
        admin.MapPut("/faults", async (FaultSettings faults) =>
        {
            await api.Redis.GetDatabase().StringSetAsync(FaultSettings.RedisKey, faults.ToJson());
            return Results.Json(faults);
        });
        admin.MapDelete("/faults", async () =>
        {
            await api.Redis.GetDatabase().KeyDeleteAsync(FaultSettings.RedisKey);
            database.Release();
            return Results.NoContent();
        });
        admin.MapPost("/db/lock", (LockRequest r) =>
        {
            _ = database.HoldLockAsync(TimeSpan.FromSeconds(r.Seconds), r.Exclusive);
            return Results.Accepted(value: new { holding = r.Exclusive ? "ACCESS EXCLUSIVE on jobs" : "row locks on jobs", seconds = r.Seconds });
        });
        admin.MapPost("/db/deadlock", async () => Results.Json(new { outcome = await database.ForceDeadlockAsync() }));
        admin.MapPost("/db/exhaust", async (ExhaustRequest r) =>
            Results.Json(new { opened = await database.ExhaustConnectionsAsync(r.Connections, TimeSpan.FromSeconds(r.Seconds)), seconds = r.Seconds }));
        admin.MapPost("/queue/fill", async (FillRequest r) =>
        {
            var db = api.Redis.GetDatabase();
            for (var i = 0; i < r.Count; i++) await db.ListLeftPushAsync(api.Options.QueueKey, -1 - i);
            return Results.Json(new { pushed = r.Count, length = await db.ListLengthAsync(api.Options.QueueKey) });
        });
    }
}
