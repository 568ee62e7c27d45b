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
    public static async Task<IResult> TriggerAsync(IRecurringJobManagerV2 jobs, string jobId, string location, ILogger log)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                var id = jobs.TriggerJob(jobId);
                return Results.Accepted(location, new SnapshotRunAccepted(jobId, id, "enqueued"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Triggering {Job} failed ({Error}: {Message}); attempt {Attempt} of 5.", jobId, e.GetType().Name, e.Message, attempt);
                await Task.Delay(250 * attempt);
            }
        }
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The job scheduler is busy.",
            detail: $"The job {jobId} could not be enqueued just now; try again in a few seconds.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 });
    }
}
