using MangaMotion.Acceptance.Results.History;

namespace MangaMotion.Acceptance.Verdicts.Regression;

/// <summary>
/// The earlier runs a test is compared with, like for like: the same target and profile (the history
/// gives only those), a complete run in which the test ran to its plan's end with exactly the same
/// applied load (users, rates, durations, page sizes, in the test's own words), never this run itself;
/// the last N of them, or the one run BASELINE_RUN names.
/// </summary>
public static class BaselineWindow
{
    public static IReadOnlyList<HistoryRecord> For(string test, string? applied, PastRuns history, int runs)
    {
        if (history.Named is { } named) return history.Runs.Where(r => r.Run == named && r.Test(test) is not null).TakeLast(1).ToList();
        return LikeForLike(test, applied, history).TakeLast(history.Window ?? runs).ToList();
    }

    /// <summary>Every earlier run the test's figures can be trended with, oldest first.</summary>
    public static IEnumerable<HistoryRecord> LikeForLike(string test, string? applied, PastRuns history) =>
        history.Runs.Where(r => r.Run != history.ThisRun && !r.Incomplete && r.Test(test) is { StoppedEarly: null } t && t.Applied == applied)
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Run, StringComparer.Ordinal);
}
