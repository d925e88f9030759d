namespace MangaMotion.Acceptance.Drivers.Modes;

/// <summary>One process applies the whole load, observes the deployment, judges and reports.</summary>
public sealed class SingleProcessMode : RunMode
{
    public override string Name => "single process";
}
