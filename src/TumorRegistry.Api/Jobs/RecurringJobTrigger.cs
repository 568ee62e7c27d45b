using Hangfire;

namespace TumorRegistry.Api.Jobs;

/// <summary>The answer to "run this recurring job now": the job and the background job enqueued for it.</summary>
public sealed record SnapshotRunAccepted(string Job, string BackgroundJobId, string Status);

/// <summary>
/// Enqueues a recurring job now, for the "run" endpoints. The storage refuses while a server holds the job's lock
/// (updating or scheduling it): a few tries a moment apart, then 503 with a retry hint, never a 500.
/// </summary>
public static class RecurringJobTrigger
{
    public static async Task<IResult> TriggerAsync(IRecurringJobManagerV2 jobs, string jobId, string location, ILogger log) =>
        await JobEnqueue.TryAsync(() => jobs.TriggerJob(jobId), $"the job {jobId}", log) is { } id
            ? Results.Accepted(location, new SnapshotRunAccepted(jobId, id, "enqueued"))
            : JobEnqueue.Busy($"job {jobId}");
}
