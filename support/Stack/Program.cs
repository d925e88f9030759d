using System.Runtime.InteropServices;
using MangaMotion.Acceptance.Stack;
using MangaMotion.Acceptance.Stack.Api;
using MangaMotion.Acceptance.Stack.Lifecycle;
using MangaMotion.Acceptance.Stack.Worker;

// Roles: `stack` (default) starts everything and runs until interrupted; `api` and `worker` are the
// reference MangaMotion processes the stack starts; `watchdog` kills leftovers if the stack's owner dies.
var role = args.FirstOrDefault() ?? "stack";
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

switch (role)
{
    case "api":
    case "worker":
        // The stack keeps our standard input open; when it closes, the stack is gone and so are we.
        _ = Task.Run(async () => { await Console.In.ReadToEndAsync(); stop.Cancel(); });
        var options = StackOptions.FromEnvironment();
        if (role == "api") await ApiHost.RunAsync(options, stop.Token);
        else if (options.IsBullMq) await new MangaMotion.Acceptance.Stack.Flavors.BullMqWorker(options).RunAsync(stop.Token);
        else await new WorkerHost(options).RunAsync(stop.Token);
        return 0;
    case "watchdog":
        await Watchdog.RunAsync();
        return 0;
    case "stack":
        try
        {
            var flavor = Environment.GetEnvironmentVariable("STACK_FLAVOR") is { Length: > 0 } f ? f : "contract";
            await using var stack = await EmbeddedStack.StartAsync(new EmbeddedStackOptions { Faults = Environment.GetEnvironmentVariable("STACK_FAULTS") ?? "" }.ForFlavor(flavor));
            foreach (var (name, value) in stack.Settings) Console.WriteLine($"{name}={value}");
            Console.WriteLine($"STACK_ADMIN_URL={stack.AdminUrl}");
            Console.Error.WriteLine($"started in {stack.StartupTime.TotalSeconds:0.0} s; logs in {stack.Directory}; Ctrl+C stops everything");
            Console.WriteLine("READY");
            try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
            Console.Error.WriteLine("stopping the embedded stack");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"The embedded stack could not start: {e.Message}");
            return 3;
        }
    default:
        Console.Error.WriteLine($"unknown role '{role}': use stack, api, worker or watchdog");
        return 2;
}
