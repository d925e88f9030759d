namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Every line a step writes (test output, the living doc, Cucumber messages, JUnit/TRX files) and every
/// failure message of a step passes through <see cref="Apply"/>: the test assembly sets its masking rule
/// here once, before the first feature runs, so no secret leaves through the bridge.
/// </summary>
public static class OutputFilter
{
    private static Func<string, string> _apply = text => text;

    public static Func<string, string> Apply
    {
        get => Volatile.Read(ref _apply);
        set => Volatile.Write(ref _apply, value);
    }
}
