using System.Globalization;

namespace MangaMotion.Acceptance.Benchmarks.Journeys;

/// <summary>
/// Locust (Debian's python3-locust, FastHttpUser) running peers/locustfile.py headless in its own process;
/// journeys and percentiles from its stats CSV, CPU from the kernel's child accounting.
/// </summary>
public static class LocustTool
{
    public static async Task<JourneyFigures> RunAsync(Uri url, JourneyKind kind, int users, TimeSpan duration, double? rate = null)
    {
        var prefix = Path.Combine(Directory.CreateTempSubdirectory("mm-bench-locust-").FullName, "run");
        var file = Path.Combine(AppContext.BaseDirectory, "Journeys", "peers", "locustfile.py");
        var userRate = rate is { } r ? (r / users).ToString("0.####", CultureInfo.InvariantCulture) : "0";
        var (output, cpu, _, kernel) = await ExternalTools.RunMeasuredAsync(
            $"MM_JOURNEY={kind.Name} MM_USER_RATE={userRate} locust -f {file} --headless -u {users} -r {users} -t {(int)duration.TotalSeconds}s " +
            $"--host {url.ToString().TrimEnd('/')} --csv {prefix} --only-summary --loglevel WARNING --stop-timeout 0 > {prefix}.out 2>&1");
        var stats = $"{prefix}_stats.csv";
        if (!File.Exists(stats)) throw new InvalidOperationException($"locust wrote no stats:\n{output}\n{(File.Exists(prefix + ".out") ? File.ReadAllText(prefix + ".out") : "")}");
        var rows = File.ReadAllLines(stats).Select(l => l.Split(',')).ToList();
        var header = rows[0].ToList();
        var row = rows.Skip(1).FirstOrDefault(c => c[1] == kind.KeyStep) ?? throw new InvalidOperationException($"no {kind.KeyStep} row in {stats}");
        double Column(string name) => double.Parse(row[header.IndexOf(name)], CultureInfo.InvariantCulture);
        var ok = (long)(Column("Request Count") - Column("Failure Count"));
        Directory.Delete(Path.GetDirectoryName(prefix)!, recursive: true);
        return new JourneyFigures("locust", kind, ok, duration.TotalSeconds, cpu, Column("50%"), Column("95%"), Column("99%"),
            Column("Failure Count") > 0 ? $"{Column("Failure Count")} failed" : null) { KernelSeconds = kernel };
    }
}
