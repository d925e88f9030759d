namespace MangaMotion.Acceptance.Verdicts;

/// <summary>
/// Every criterion's stable id, as results.json, the sign-off and the baselines know it, declared once.
/// <see cref="CriteriaBook"/> says what each measures and under which words a feature names it.
/// </summary>
public static class CriterionIds
{
    public const string UploadsSuccessRate = "uploads.success_rate", UploadsP95 = "uploads.p95", UploadsJobFailure = "uploads.job_failure";
    public const string PresignSuccessRate = "presign.success_rate", PresignS3SuccessRate = "presign.s3_success_rate", PresignP95 = "presign.p95", PresignS3P95 = "presign.s3_p95";
    public const string WorkerJobSuccess = "worker.job_success", WorkerCompletionP95 = "worker.completion_p95", WorkerJobFailure = "worker.job_failure";
    public const string BottleneckSuccessRate = "bottleneck.success_rate", BottleneckDegradation = "bottleneck.degradation", BottleneckQueueDepth = "bottleneck.queue_depth";
    public const string BottleneckHeadroomUsers = "bottleneck.headroom.users", BottleneckHeadroomWorker = "bottleneck.headroom.worker_rate";
    public const string BottleneckCpu = "bottleneck.cpu", BottleneckMemory = "bottleneck.memory", BottleneckDeadlocks = "bottleneck.deadlocks", BottleneckConnectionPool = "bottleneck.connection_pool";

    /// <summary>A figure of a test judged against the test's history ("uploads.regression.upload_p95").</summary>
    public static string Regression(string test, string figure) =>
        $"{test}.regression.{string.Concat(figure.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}";

    /// <summary>The acceptance criterion N of the guide, judged from its rows.</summary>
    public static string Acceptance(int number) => $"acceptance.{number}";
}
