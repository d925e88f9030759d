using Npgsql;

namespace MangaMotion.Acceptance.Stores;

/// <summary>
/// A PostgreSQL table as the store: one row per key, stamped by the server's clock. The table is
/// created if missing and never dropped or emptied: the suite owns its rows, not the database.
/// </summary>
public sealed class PostgresStore : ObjectStore
{
    public const string DefaultTable = "mangamotion_acceptance_objects";
    /// <summary>The database a URI without one names, as libpq reads it.</summary>
    private const string DefaultDatabase = "postgres";

    private readonly NpgsqlDataSource _source;
    private readonly string _table, _shown;
    private volatile bool _tableReady;

    /// <param name="uri">postgresql://user:password@host:port/database, optionally ?table=name</param>
    public PostgresStore(Uri uri, string shown)
    {
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[0]);
        var password = uri.UserInfo.Contains(':') ? Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]) : null;
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        _table = query["table"] is { Length: > 0 } t ? t : DefaultTable;
        if (!System.Text.RegularExpressions.Regex.IsMatch(_table, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException($"the table '{_table}' is not a plain lower-case SQL name (letters, digits, _)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port, Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : DefaultDatabase,
            Username = user, Password = password, Timeout = 10, CommandTimeout = 30, Pooling = true, MaxPoolSize = 4,
            ApplicationName = "mangamotion-acceptance-store",
        };
        if (query["sslmode"] is { Length: > 0 } ssl) builder.SslMode = Enum.Parse<SslMode>(ssl, ignoreCase: true);
        _source = NpgsqlDataSource.Create(builder);
        _shown = shown;
    }

    public override string Describe() => $"{_shown} (table {_table})";

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = await _source.OpenConnectionAsync(cancel);
        if (_tableReady) return connection;
        await using (var create = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {_table} (key text PRIMARY KEY, content bytea NOT NULL, written timestamptz NOT NULL DEFAULT clock_timestamp())", connection))
        {
            try { await create.ExecuteNonQueryAsync(cancel); }
            // Two first writers at once: the loser's CREATE collides on the catalogue (the table's name, or its row
            // type's: 42710); either way the table exists.
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject) { }
        }
        _tableReady = true;
        return connection;
    }

    public override async Task PutAsync(string key, byte[] content, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var put = new NpgsqlCommand(
            $"INSERT INTO {_table} (key, content) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET content = EXCLUDED.content, written = clock_timestamp()", connection);
        put.Parameters.Add(new() { Value = key });
        put.Parameters.Add(new() { Value = content });
        await put.ExecuteNonQueryAsync(cancel);
    }

    public override async Task<byte[]?> GetAsync(string key, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var get = new NpgsqlCommand($"SELECT content FROM {_table} WHERE key = $1", connection);
        get.Parameters.Add(new() { Value = key });
        return await get.ExecuteScalarAsync(cancel) as byte[];
    }

    public override async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        // starts_with, not LIKE: a key prefix holding % or _ means itself.
        await using var list = new NpgsqlCommand($"SELECT key, written FROM {_table} WHERE starts_with(key, $1) ORDER BY key", connection);
        list.Parameters.Add(new() { Value = prefix });
        var found = new List<StoredObject>();
        await using var reader = await list.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) found.Add(new StoredObject(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return found;
    }

    public override void Dispose()
    {
        _source.Dispose();
        base.Dispose();
    }
}
