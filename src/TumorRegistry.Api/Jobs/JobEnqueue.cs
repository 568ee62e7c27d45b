namespace TumorRegistry.Api.Jobs;

/// <summary>
/// Enqueueing a background job for an upload or an export: the job storage can refuse for a moment (its connections
/// all busy while many processes start at once, as in the test run); a few tries a moment apart, then 503 with a
/// retry hint instead of a 500. The exception's type is logged, never a request's values.
/// </summary>
public static class JobEnqueue
{
    public const int Attempts = 5;

    /// <summary>The job id, or null when the storage refused every try.</summary>
    public static async Task<string?> TryAsync(Func<string> enqueue, string what, ILogger log, CancellationToken ct = default)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                return enqueue();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Enqueueing {What} failed ({Error}); attempt {Attempt} of {Attempts}.", what, e.GetType().FullName, attempt, Attempts);
                if (attempt < Attempts) await Task.Delay(200 * attempt, ct);
            }
        }
        return null;
    }

    public static IResult Busy(string what) => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The job scheduler is busy.", detail: $"The {what} could not be queued just now; send it again in a few seconds.",
        extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 });
}
