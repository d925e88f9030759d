using MangaMotion.Acceptance.Settings;

namespace MangaMotion.Acceptance.Drivers.Pipeline;

/// <summary>A guide test's log in the run's folder (&lt;test&gt;.log): every line masked, written there and to the run's progress.</summary>
public sealed class TestLog : IAsyncDisposable
{
    private readonly StreamWriter _file;
    private readonly Action<string> _progress;

    private TestLog(StreamWriter file, Action<string> progress) => (_file, _progress) = (file, progress);

    public static TestLog Open(string folder, string test, Action<string> progress) =>
        new(new StreamWriter(Path.Combine(folder, $"{test}.log"), append: false) { AutoFlush = true }, progress);

    public void Say(string line)
    {
        line = Redaction.Mask(line);
        _file.WriteLine(line);
        _progress(line);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
