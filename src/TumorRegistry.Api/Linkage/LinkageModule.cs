using Hangfire;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Api.Jobs;
using TumorRegistry.Infrastructure.Linkage;

namespace TumorRegistry.Api.Linkage;

/// <summary>Patient linkage (docs/linkage.md): the duplicate search as a weekly Hangfire job and the review worklist.</summary>
public static class LinkageModule
{
    public const string CronSetting = "Linkage:DedupCron";
    public const string DefaultCron = "0 2 * * 0"; // Sundays 02:00, server local time

    public static IServiceCollection AddLinkage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PatientLinkage>();
        services.AddScoped<LinkageDedupJob>();
        services.AddSingleton<IHostedService>(sp => new RecurringJobsRegistration(() => sp.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<LinkageDedupJob>(LinkageDedupJob.RecurringJobId, j => j.RunAsync(CancellationToken.None),
                configuration[CronSetting] is { Length: > 0 } c ? c : DefaultCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Local })));
        return services;
    }

    public static void MapLinkage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/linkage").WithTags("Linkage");
        LinkageReview.Map(group);
        group.MapPost("/dedup/run", (IRecurringJobManagerV2 jobs, ILoggerFactory logs) =>
                RecurringJobTrigger.TriggerAsync(jobs, LinkageDedupJob.RecurringJobId, "/linkage/counts", logs.CreateLogger("Linkage")))
            .WithName("RunLinkageDedup")
            .WithSummary("Enqueue the whole-registry duplicate search now (links, review band, a new weight estimate).")
            .Produces<SnapshotRunAccepted>(StatusCodes.Status202Accepted);
    }
}

/// <summary>The whole-registry duplicate search on Hangfire. Logs counts only, never identifiers.</summary>
[AutomaticRetry(Attempts = 1)]
public sealed class LinkageDedupJob(PatientLinkage linkage, ILogger<LinkageDedupJob> log)
{
    public const string RecurringJobId = "linkage-dedup";

    public async Task RunAsync(CancellationToken ct)
    {
        var run = await linkage.RunDedupAsync(ct);
        log.LogInformation("Linkage dedup: {Patients} patients, {Pairs} pairs compared, {Links} links, {Review} to review (EM converged {Converged})",
            run.Patients, run.PairsCompared, run.Links, run.Review, run.Converged);
    }
}
