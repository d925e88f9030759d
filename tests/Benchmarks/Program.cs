using System.Globalization;
using MangaMotion.Acceptance.Benchmarks;
using MangaMotion.Acceptance.Benchmarks.Fidelity;
using MangaMotion.Acceptance.Benchmarks.Journeys;
using MangaMotion.Acceptance.Load.Http;
using MangaMotion.Acceptance.Load.Http.Loop;

if (args.FirstOrDefault() == "serve")
{
    await EndpointServer.ServeAsync(truth: args.ElementAtOrDefault(1) == "truth");
    return;
}

IReadOnlySet<string>? only = null;
try { only = BenchOnly.Chosen(); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); Environment.Exit(2); }
int Setting(string name, int fallback) => BenchOnly.Setting(name, fallback, only);
var settings = new BenchSettings(
    TimeSpan.FromSeconds(Setting("BENCH_SECONDS", 15)), Setting("BENCH_ROUNDS", 5), Setting("BENCH_FIXED_ROUNDS", 5),
    Setting("BENCH_OPEN_SECONDS", 60), Setting("BENCH_SOAK_MINUTES", 30), Setting("BENCH_FIXED_RATE", 1000));
var samplerSeconds = Setting("BENCH_SAMPLER_SECONDS", 60);
string[]? journeyTools = null;
try { journeyTools = JourneySection.ChosenTools(); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); Environment.Exit(2); }
var journeys = new JourneySettings(TimeSpan.FromSeconds(Setting("BENCH_JOURNEY_SECONDS", 10)), Setting("BENCH_JOURNEY_ROUNDS", 3), BenchSections.Connections,
    Setting("BENCH_JOURNEY_RATE", 100), journeyTools);

Console.WriteLine($"# MangaMotion Acceptance engine benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
using var server = EndpointServer.Start();
Console.WriteLine($"socket completions: {(await SocketCompletions.ObserveInlineAsync() ? $"inline ({SocketCompletions.Variable}=1, not the suite's setting)" : "on the thread pool (.NET's default, as in the suite)")}");
Console.WriteLine($"load client sockets (engine, bare): {(LoopConnector.Supported ? "the engine's own I/O loops, one per core" : ".NET's socket engine")}; raw socket loop: .NET's socket engine");
Console.WriteLine($"endpoint: {server.Url}ok (Kestrel, own process); {BenchSections.Connections} connections, {settings.Run.TotalSeconds:0} s per run, {settings.Rounds} rounds alternating");
var sections = new BenchSections(server.Url, settings, Console.WriteLine);
await sections.WarmUpAsync();
(Figures Wrk, Figures Engine)? saturation = settings.Rounds > 0 ? await sections.SaturationAsync() : null;
if (settings.FixedRounds > 0) await sections.FixedRateAsync();
if (settings.OpenSeconds > 0) await sections.OpenAccuracyAsync();
if (settings.SoakMinutes > 0) await sections.SoakAsync();
if (samplerSeconds > 0) await SamplerCost.RunAsync(samplerSeconds, Console.WriteLine);
var ceilingSeconds = Setting("BENCH_CEILING_SECONDS", 10);
if (ceilingSeconds > 0) await new CeilingSection(server.Url, TimeSpan.FromSeconds(ceilingSeconds), Setting("BENCH_CEILING_MAX", 16), Console.WriteLine).RunAsync();
var agentSeconds = Setting("BENCH_AGENT_SECONDS", 10);
if (agentSeconds > 0) await new AgentsSection(server.Url, TimeSpan.FromSeconds(agentSeconds), Setting("BENCH_AGENT_RATE", 1000), Console.WriteLine).RunAsync();
var transportRounds = Setting("BENCH_TRANSPORT_ROUNDS", 3);
if (transportRounds > 0) await new TransportSection(server.Url, TimeSpan.FromSeconds(Setting("BENCH_TRANSPORT_SECONDS", 10)), transportRounds, settings.FixedRate, Console.WriteLine).RunAsync();
var journeySection = new JourneySection(server.Url, journeys, Console.WriteLine);
var journeyRatios = journeys.Rounds > 0 ? await journeySection.RunAsync() : null;
var fidelityLine = await FidelityRun.RunAsync(journeySection, TimeSpan.FromSeconds(Setting("BENCH_FIDELITY_SECONDS", 15)),
    TimeSpan.FromSeconds(Setting("BENCH_STALL_SECONDS", 30)), Setting("BENCH_STALL_RATE", 100), Console.WriteLine);
if (saturation is { } s)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine/wrk rps ratio: {s.Engine.Rps / s.Wrk.Rps:0.00}"));
}
foreach (var (peer, ratio) in journeyRatios ?? new Dictionary<string, double>())
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine/{peer} journey ratio: {ratio:0.00}"));
if (fidelityLine is not null) Console.WriteLine(fidelityLine);
