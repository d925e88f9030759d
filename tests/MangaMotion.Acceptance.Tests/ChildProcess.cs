using System.Diagnostics;
using System.Text;

namespace MangaMotion.Acceptance.Tests;

/// <summary>Runs a command to completion with a deadline, capturing its output; kills the whole tree on timeout.</summary>
public sealed record ChildResult(int ExitCode, string Output);

public static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(string file, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {deadline}:\n{output}");
        }
        process.WaitForExit();
        return new ChildResult(process.ExitCode, output.ToString());
    }

    /// <summary>The repository root (where the solution is), found from the test assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MangaMotion.Acceptance.sln"))) return dir.FullName;
        throw new InvalidOperationException("not inside a MangaMotion.Acceptance checkout");
    }
}
