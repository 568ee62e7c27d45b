using Hangfire;
using TumorRegistry.Api.FollowUp.Jobs;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// The demo runs the nightly follow-up jobs once at start (each is idempotent by date, so a restart the same day writes
/// nothing), so the manager's due list, open requests and lost patients have something in them on the first visit;
/// the workload snapshot then runs on the Hangfire server like any triggered job.
/// </summary>
public static class DemoFollowUp
{
    public static async Task RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        output.WriteLine("Demo: running the follow-up jobs once (due list, escalation, lost to follow-up)...");
        await using var scope = services.CreateAsyncScope();
        var due = await scope.ServiceProvider.GetRequiredService<FollowUpDueListJob>().RunAsync(ct);
        var escalated = await scope.ServiceProvider.GetRequiredService<FollowUpEscalationJob>().RunAsync(ct);
        var lost = await scope.ServiceProvider.GetRequiredService<FollowUpLostJob>().RunAsync(ct);
        output.WriteLine($"Demo: follow-up requests written {due.Written:N0} (of {due.Candidates:N0} due), escalated {escalated.Written:N0}, " +
            $"lost or restored {lost.Written:N0}.");
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<FollowUpSnapshotJob>(j => j.RunAsync(null!, CancellationToken.None));
    }
}
