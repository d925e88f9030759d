namespace MangaMotion.Acceptance.Settings;

/// <summary>How a virtual user paces itself, as the guide's scripts do, declared once for the journeys and the capacity model.</summary>
public static class Pacing
{
    /// <summary>The guide's <c>sleep(1)</c> between one user's uploads.</summary>
    public static readonly TimeSpan ThinkTime = TimeSpan.FromSeconds(1);
}
