namespace MangaMotion.Acceptance.Agents;

/// <summary>Agents that did not arrive, or sent nothing, within the deadline: named by index, with what they missed.</summary>
public sealed class AgentsMissingException(IReadOnlyList<int> missing, string what)
    : Exception($"{Names(missing)} {what}")
{
    public IReadOnlyList<int> Missing { get; } = missing;

    public static string Names(IReadOnlyList<int> agents) => agents.Count == 1 ? $"agent {agents[0]}" : $"agents {string.Join(", ", agents)}";
}
