namespace MangaMotion.Acceptance.Results;

public enum ReadinessState { Ok, Failed, NotChecked }

/// <summary>One line of the pre-test checklist: a component, its state, and what to check when it failed.</summary>
public sealed record ReadinessLine(string Component, ReadinessState State, string Detail, string SettingToCheck)
{
    public override string ToString() => State switch
    {
        ReadinessState.Ok => $"{Component}: OK ({Detail})",
        ReadinessState.NotChecked => $"{Component}: not checked ({Detail})",
        _ => $"{Component}: FAILED: {Detail}; check {SettingToCheck}",
    };
}
