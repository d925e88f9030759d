namespace MangaMotion.Acceptance.Results;

/// <summary>A configuration fact the guide's tuning section cares about, with its advice and whether the target differs.</summary>
public sealed record ConfigurationFact(string Component, string Name, string Value, string GuideAdvice, bool DiffersFromGuide);
