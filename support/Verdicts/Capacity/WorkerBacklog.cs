using MangaMotion.Acceptance.Results.Capacity;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// The worker's queue at the expected load: the uploads arriving there against the worker's drain, and how long
/// an empty queue takes to pass its stated limit when they outrun it. Each upload queues one job.
/// </summary>
public static class WorkerBacklog
{
    /// <summary>The queue at <paramref name="users"/>; null when the drain or the upload rate there is unknown.</summary>
    /// <param name="limit">the queue depth the scenarios allow (jobs), if one is stated</param>
    public static QueueOutlook? At(CapacityFindings f, double users, double? limit)
    {
        if (f.WorkerDrainPerSecond is not { } drain || ExpectedRate(f, users) is not { } rate) return null;
        var arrivals = Math.Round(rate, 3);
        var at = $"at {users:0} users {arrivals:0.#} uploads/s arrive";
        var drains = $"the worker drains {drain:0.#} jobs/s (measured where the ramp's queue grew)";
        var growth = Math.Round(arrivals - drain, 3);
        if (growth <= 0)
            return new(users, arrivals, 0, limit, null, f.WorkerDrainAtLeast
                ? $"{at}; the worker kept up with every stage of the ramp (at least {drain:0.#} jobs/s), so the queue does not grow there"
                : $"{at} and {drains}: the queue does not grow there");
        if (f.WorkerDrainAtLeast)
            return new(users, arrivals, null, limit, null,
                $"{at}, more than any stage of the ramp brought; the worker kept up with them all (at least {drain:0.#} jobs/s), so whether its queue grows there is not known");
        var grows = $"{at} and {drains}: the queue grows {growth:0.#} jobs/s";
        if (limit is not { } most) return new(users, arrivals, growth, null, null, $"{grows} (no queue depth limit is stated)");
        var seconds = Math.Round(most / growth, 1);
        return new(users, arrivals, growth, most, seconds, $"{grows} and passes its {most:0} jobs {Duration(seconds)} after starting empty");
    }

    private static string Duration(double seconds) =>
        seconds < 120 ? $"~{seconds:0} s" : seconds < 7200 ? $"~{seconds / 60:0.#} min" : $"~{seconds / 3600:0.#} h";

    /// <summary>Uploads per second at <paramref name="users"/>: measured where the ramp reached them (interpolated between stages), else from the fitted curve.</summary>
    public static double? ExpectedRate(CapacityFindings f, double users)
    {
        double? Along(IReadOnlyList<(double N, double X)> points)
        {
            if (points.Count == 0 || users < points[0].N || users > points[^1].N) return null;
            if (points.Count == 1) return points[0].X;
            var i = Math.Max(1, points.ToList().FindIndex(p => p.N >= users));
            var (a, b) = (points[i - 1], points[i]);
            return b.N == a.N ? b.X : a.X + (b.X - a.X) * (users - a.N) / (b.N - a.N);
        }
        return Along(f.Stages.Select(s => (s.Users, s.Throughput)).ToList()) ?? Along(f.Curve.Select(p => (p.Users, p.Throughput)).ToList());
    }
}
