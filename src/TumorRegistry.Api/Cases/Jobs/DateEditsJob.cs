using Hangfire;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Cases.Jobs;

/// <summary>
/// The nightly re-run of the edits that depend on today's date (recurring Hangfire job "date-edits"), so a case whose
/// date of diagnosis or last contact was in the future stops failing once that day has come.
/// </summary>
public sealed class DateEditsJob(DateDependentEdits edits, ILogger<DateEditsJob> log)
{
    public const string RecurringJobId = "date-edits";
    public const string CronSetting = "Cases:DateEditsCron";
    public const string DefaultCron = "30 0 * * *"; // 00:30 every day, server local time, just after the date changes

    // Idempotent: a second run re-folds the same rows to the same values.
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var count = await edits.RefreshAsync(ct);
        log.LogInformation("Re-ran the date-dependent edits of {Cases} cases.", count);
    }
}

public static class CaseJobs
{
    public static IServiceCollection AddCaseJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DateEditsJob>();
        services.AddSingleton(p => new DateDependentEdits(p.GetRequiredService<RegistryEvents>(),
            p.GetRequiredService<IReadOnlyList<RegistryProjection>>().OfType<CaseSummaryProjection>().Single(),
            p.GetRequiredService<EditEngine>().Catalog));
        // Not AddHostedService: it adds one service per implementation type, and the follow-up jobs use the same one.
        services.AddSingleton<IHostedService>(sp => new RecurringJobsRegistration(() => sp.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<DateEditsJob>(DateEditsJob.RecurringJobId, j => j.RunAsync(CancellationToken.None),
                configuration[DateEditsJob.CronSetting] is { Length: > 0 } c ? c : DateEditsJob.DefaultCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Local })));
        return services;
    }
}
