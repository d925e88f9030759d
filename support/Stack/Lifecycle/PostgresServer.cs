using System.Diagnostics;
using Npgsql;

namespace MangaMotion.Acceptance.Stack.Lifecycle;

/// <summary>
/// A throw-away PostgreSQL 15 cluster (initdb + postgres on a free loopback port, no fsync) with the
/// MangaMotion role, database and jobs table, indexed on status and user_id as the guide advises.
/// PostgreSQL refuses to run as root, so as root it runs as the Debian package's postgres user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "mmuser", Database = "mangamotion";
    private readonly ManagedProcess _process;
    private readonly string _dataDir;

    private PostgresServer(ManagedProcess process, string dataDir, int port, string password)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string Password { get; }

    /// <summary>The postmaster itself (as root it runs under runuser, whose death would not stop it).</summary>
    public int? PostmasterPid
    {
        get
        {
            var file = Path.Combine(_dataDir, "postmaster.pid");
            try { return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null; }
            catch (IOException) { return null; }
        }
    }
    public ManagedProcess Process => _process;

    public string ConnectionString(int maxPool = 50) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Password={Password};Database={Database};Maximum Pool Size={maxPool};Timeout=5;Command Timeout=30";

    public static async Task<PostgresServer> StartAsync(string dir, int maxConnections)
    {
        var port = FreePort.Next();
        var password = Guid.NewGuid().ToString("N");
        var dataDir = Path.Combine(dir, "pgdata");
        var log = Path.Combine(dir, "postgres.log");
        Directory.CreateDirectory(dir);
        var pwFile = Path.Combine(dir, "pgpass");
        await File.WriteAllTextAsync(pwFile, password);
        AsServiceUser.GiveTo(dir);
        await AsServiceUser.RunAsync("postgres", $"{Packages.PostgresBin}/initdb",
            ["-D", dataDir, "-U", "postgres", $"--pwfile={pwFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--no-instructions"], log);
        var (file, args) = AsServiceUser.Command("postgres", $"{Packages.PostgresBin}/postgres",
        [
            "-D", dataDir, "-p", port.ToString(), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
            "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", $"max_connections={maxConnections}",
            "-c", "deadlock_timeout=200ms", "-c", "log_min_messages=warning",
        ]);
        var server = new PostgresServer(ManagedProcess.Start("postgres", file, args, log), dataDir, port, password);
        try
        {
            var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Timeout=2;Pooling=false";
            await Readiness.WaitAsync("PostgreSQL", async () =>
            {
                await using var c = new NpgsqlConnection(admin);
                await c.OpenAsync();
                return true;
            }, server.Process, log, Readiness.StartDeadline);
            await CreateSchemaAsync(admin, port, password);
            return server;
        }
        catch (Exception e)
        {
            server.Dispose();
            throw e as StackStartException ?? new StackStartException($"PostgreSQL started but could not be prepared: {e.Message}");
        }
    }

    private static async Task CreateSchemaAsync(string admin, int port, string password)
    {
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE ROLE {User} LOGIN PASSWORD '{password}'", c).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {Database} OWNER {User}", c).ExecuteNonQueryAsync();
        }
        await using var db = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username={User};Password={password};Database={Database};Pooling=false");
        await db.OpenAsync();
        await new NpgsqlCommand("""
            CREATE TABLE jobs (
              id BIGSERIAL PRIMARY KEY,
              status TEXT NOT NULL DEFAULT 'waiting',
              progress INT NOT NULL DEFAULT 0,
              user_id TEXT NOT NULL,
              data JSONB NOT NULL DEFAULT '{}',
              failed_reason TEXT,
              returnvalue JSONB,
              created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
              updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
            CREATE INDEX idx_jobs_status ON jobs(status);
            CREATE INDEX idx_jobs_user_id ON jobs(user_id);
            """, db).ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        // SIGINT is PostgreSQL's fast shutdown: it ends sessions and exits cleanly.
        if (PostmasterPid is { } pid)
        {
            try { Signals.Send(pid, Signals.Int); } catch (InvalidOperationException) { }
        }
        _process.Stop(TimeSpan.FromSeconds(10), Signals.Int);
        _process.Dispose();
    }
}

/// <summary>Runs servers that refuse root (PostgreSQL) as their Debian service user when this process is root.</summary>
internal static class AsServiceUser
{
    public static bool IsRoot => Environment.UserName == "root";

    public static (string File, IReadOnlyList<string> Args) Command(string user, string file, IReadOnlyList<string> args) =>
        IsRoot ? ("/usr/sbin/runuser", ["-u", user, "--", file, .. args]) : (file, args);

    public static void GiveTo(string dir)
    {
        if (!IsRoot) return;
        // Temp directories are created 0700: the service user must at least be able to pass through the parent.
        var parent = Path.GetDirectoryName(dir);
        if (parent is not null && OperatingSystem.IsLinux()) File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", "postgres:postgres", dir])!;
        chown.WaitForExit();
    }

    public static async Task RunAsync(string user, string file, IReadOnlyList<string> args, string log)
    {
        var (f, a) = Command(user, file, args);
        var info = new ProcessStartInfo(f) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var x in a) info.ArgumentList.Add(x);
        using var p = System.Diagnostics.Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await File.AppendAllTextAsync(log, output);
        if (p.ExitCode != 0) throw new StackStartException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {output}");
    }
}
