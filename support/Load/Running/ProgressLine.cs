using System.Globalization;
using MangaMotion.Acceptance.Load.Measurement;

namespace MangaMotion.Acceptance.Load.Running;

/// <summary>
/// The live line long runs print at a fixed interval, readable in `dotnet test` output and CI logs:
/// <c>[uploads] 01:30/05:00 | users 50/50 | 123.4 req/s | p95 812 ms | errors 0.4% | dropped 0</c>.
/// </summary>
public static class ProgressLine
{
    public static string Format(string name, TimeSpan elapsed, TimeSpan planned, IReadOnlyList<SecondSample> recent)
    {
        var last = recent.Count > 0 ? recent[^1] : null;
        var seconds = Math.Max(1, recent.Count);
        var requests = recent.Sum(s => s.Steps.Values.Sum(x => x.Requests));
        var errors = recent.Sum(s => s.Steps.Values.Sum(x => x.Errors));
        var p95 = recent.SelectMany(s => s.Steps.Values).Select(x => x.P95).DefaultIfEmpty(0).Max();
        var users = last is null ? "users 0/0" : $"users {last.ActiveUsers}/{last.TargetUsers}";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{name}] {Clock(elapsed)}/{Clock(planned)} | {users} | {requests / (double)seconds:0.0} req/s | p95 {p95:0} ms | errors {(requests == 0 ? 0 : 100.0 * errors / requests):0.0}% | dropped {last?.Dropped ?? 0}");
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
