namespace MangaMotion.Acceptance.Load.Http;

/// <summary>
/// How load connections reach the network (LOAD_TRANSPORT): the engine's own epoll loops, one per core,
/// where a response is handled on the thread that saw it arrive (<see cref="Loop.IoLoop"/>), or .NET's
/// own socket engine. The names are the setting's values; BENCHMARKS.md says which is the default and why.
/// </summary>
public enum LoadTransport
{
    /// <summary>The engine's epoll loops (Linux x64/arm64; elsewhere .NET's sockets are used instead).</summary>
    Loop,

    /// <summary>.NET's socket engine, as any HttpClient uses it.</summary>
    Sockets,
}

public static class LoadTransports
{
    /// <summary>The transport a setting's value names (the enum's names, lower case).</summary>
    /// <exception cref="ArgumentException">naming the accepted values</exception>
    public static LoadTransport Parse(string name) =>
        Enum.TryParse<LoadTransport>(name, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(name, out _) ? t
            : throw new ArgumentException($"'{name}' is not a load transport; accepted: {string.Join(", ", Names)}");

    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<LoadTransport>().Select(n => n.ToLowerInvariant()).ToList();

    /// <summary>What the transport really is on this machine (the loops fall back to .NET's sockets where they cannot run).</summary>
    public static LoadTransport Effective(LoadTransport wanted) => wanted == LoadTransport.Loop && !Loop.LoopConnector.Supported ? LoadTransport.Sockets : wanted;

    public static string Describe(LoadTransport wanted) => Effective(wanted) switch
    {
        LoadTransport.Loop => "loop (the engine's epoll loops, one per core)",
        _ => wanted == LoadTransport.Loop ? "sockets (.NET's socket engine: the loops cannot run on this machine)" : "sockets (.NET's socket engine)",
    };
}
