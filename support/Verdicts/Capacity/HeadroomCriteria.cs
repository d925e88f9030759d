using System.Globalization;
using System.Text.RegularExpressions;
using MangaMotion.Acceptance.Results.Capacity;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// The two headroom rows judged from the findings. A prediction passes only when its whole interval
/// clears the threshold; past it with the interval reaching back is a warning; beyond the model's reach
/// it is a lower bound ("at least"), which decides only when it already settles the threshold.
/// </summary>
public static class HeadroomCriteria
{
    private static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    /// <param name="measuredBreak">the ramp's breaking point, if it broke a stated limit: the users and whether its sampling noise can explain it</param>
    public static CriterionResult Users(CriteriaRow row, CapacityFindings f, string title, Match threshold, (int Users, bool Certain)? measuredBreak)
    {
        if (!threshold.Success)
            throw new FormatException($"'{row.Threshold}' is not a threshold for '{Headroom.UsersRow}': write 'at least F × N' (F times the expected users N, e.g. 'at least 2 × 50')");
        var (factor, expected) = (Number(threshold.Groups[1]), Number(threshold.Groups[2]));
        var c = new Criterion(CriterionIds.BottleneckHeadroomUsers, $"{title}: {row.Criterion} {row.Threshold}", "at least", factor * expected, "users");
        var first = f.Limits.Where(l => l.Users.Value is not null).MinBy(l => l.Users.Value);
        // A stage whose limit broke is measured; one its own sampling noise could explain makes a warning at most.
        if (measuredBreak is var (broke, certain) && (first is null || broke <= first.Users.Value) && !c.IsMetBy(broke))
        {
            var result = c.Judge(new Observation(broke, $"the ramp broke a stated limit at {broke} users (measured{(certain ? "" : ", within the stage's sampling noise")}: see the breaking point); {f.Summary}"));
            return certain ? result : result with { Verdict = Verdict.Warn };
        }
        if (f.Unfitted is { } why)
            return c.Judge(new Observation(f.LastUsers, $"at least {f.LastUsers:0} users: nothing the ramp measured broke up to its last stage; {why}")
                { IsLowerBound = true, ToMeasure = "a ramp that loads the deployment (MAX_USERS)" });
        if (first is null)
            return c.Judge(new Observation(f.Reach, $"at least {f.Reach:0} users: no stated limit gives within twice the ramp's last stage ({f.LastUsers:0} users); {f.Summary}")
                { IsLowerBound = true, ToMeasure = "a longer ramp (MAX_USERS)" });
        var firstStage = f.Stages.Select(s => s.Users).DefaultIfEmpty(0).Min();
        if (first.AtFirstStage)
        {
            var words = $"at most {firstStage:0} users: {f.Summary}; the ramp measured nothing below its first stage";
            return c.IsMetBy(firstStage)
                ? c.Judge(Observation.Unmeasured($"{words}, so whether it holds {c.Limit:0} users is not known: start the ramp lower (INITIAL_USERS)"))
                : c.Judge(new Observation(firstStage, words));
        }
        var (low, high) = (f.Limits.Min(l => l.Users.Low ?? f.Reach), f.Limits.Min(l => l.Users.High ?? f.Reach));
        var evidence = $"first to give: {f.Summary}";
        return Settled(c, first.Users.Value!.Value, low, high, evidence, firstStage);
    }

    /// <param name="queueLimit">the queue depth the ramp's scenario allows, if it states one</param>
    public static CriterionResult WorkerRate(CriteriaRow row, CapacityFindings f, string title, Match threshold, double? expectedUsers, double? queueLimit)
    {
        if (!threshold.Success)
            throw new FormatException($"'{row.Threshold}' is not a threshold for '{Headroom.WorkerRow}': write 'at least F × the expected rate' (e.g. 'at least 1.5 × the expected rate')");
        if (expectedUsers is not { } users)
            throw new FormatException($"'{Headroom.WorkerRow}' needs the expected users: state them in a '{Headroom.UsersRow}' row ('at least 2 × 50')");
        var c = new Criterion(CriterionIds.BottleneckHeadroomWorker, $"{title}: {row.Criterion} {row.Threshold}", "at least", Number(threshold.Groups[1]), "× the expected rate");
        if (f.WorkerDrainPerSecond is not { } drain)
            return c.Judge(Observation.Unmeasured("no queue depth was read during the ramp (no queue probe answered), so the worker's drain rate is unknown"));
        if (WorkerBacklog.At(f, users, queueLimit) is not { } queue)
            return c.Judge(Observation.Unmeasured($"the upload rate at {users:0} users is neither measured nor predicted ({Unreached(f, users)})"));
        return c.Judge(new Observation(drain / queue.ArrivalsPerSecond, queue.Words) { IsLowerBound = f.WorkerDrainAtLeast, ToMeasure = "a ramp that fills the queue (MAX_USERS)" });
    }

    /// <summary>Why the expected users' upload rate is unknown: below the ramp, or past what it measured and the model reaches.</summary>
    private static string Unreached(CapacityFindings f, double users) =>
        f.Stages.Count > 0 && users < f.Stages.Min(s => s.Users)
            ? $"below the ramp's first stage of {f.Stages.Min(s => s.Users):0} users: start the ramp lower (INITIAL_USERS)"
            : $"the ramp's last stage: {f.LastUsers:0} users; {f.Unfitted ?? $"beyond the model's reach of {f.Reach:0} users"}";

    /// <param name="firstStage">the ramp's first stage: an interval reaching down to it may reach further, where nothing was measured</param>
    private static CriterionResult Settled(Criterion c, double value, double low, double high, string evidence, double firstStage)
    {
        var result = c.Judge(new Observation(value, evidence));
        if (result.Verdict == Verdict.Pass && !c.IsMetBy(low))
            return result with { Verdict = Verdict.Warn, Evidence = $"{evidence}; within the model's uncertainty: its 95 % interval reaches down to {low:0} users, below '{c.Threshold}'" };
        if (result.Verdict == Verdict.Pass && low <= firstStage)
            return result with { Verdict = Verdict.Warn, Evidence = $"{evidence}; within the model's uncertainty: its 95 % interval reaches down to the ramp's first stage ({firstStage:0} users), below which the ramp measured nothing" };
        if (result.Verdict == Verdict.Fail && c.IsMetBy(high))
            return result with { Verdict = Verdict.Warn, Evidence = $"{evidence}; within the model's uncertainty: its 95 % interval reaches up to {high:0} users, past '{c.Threshold}'" };
        return result;
    }
}
