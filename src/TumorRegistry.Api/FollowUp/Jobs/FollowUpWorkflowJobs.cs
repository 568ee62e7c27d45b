using System.Globalization;
using Hangfire;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp.Jobs;

/// <summary>
/// The nightly follow-up workflow on Hangfire: due requests, escalations, lost patients (FollowUpWorkflow), each for
/// today's date from the TimeProvider. Idempotent by that date: a second run the same day finds nothing to write.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class FollowUpDueListJob(FollowUpWorkflow workflow, TimeProvider clock, ILogger<FollowUpDueListJob> log)
{
    public const string RecurringJobId = "follow-up-due-list";
    public const string CronSetting = "FollowUp:DueListCron";
    public const string DefaultCron = "0 1 * * *";

    public async Task<FollowUpRun> RunAsync(CancellationToken ct)
    {
        var day = FollowUpWorkflowJobs.Today(clock);
        var run = await workflow.CreateDueRequestsAsync(day, ct);
        log.LogInformation("Follow-up due list {Day}: {Written} requests from {Candidates} candidates ({Raced} written elsewhere)",
            day, run.Written, run.Candidates, run.Raced);
        return run;
    }
}

[AutomaticRetry(Attempts = 3)]
public sealed class FollowUpEscalationJob(FollowUpWorkflow workflow, TimeProvider clock, IConfiguration configuration,
    ILogger<FollowUpEscalationJob> log)
{
    public const string RecurringJobId = "follow-up-escalation";
    public const string CronSetting = "FollowUp:EscalationCron";
    public const string DefaultCron = "15 1 * * *";

    public async Task<FollowUpRun> RunAsync(CancellationToken ct)
    {
        var (day, days) = (FollowUpWorkflowJobs.Today(clock), FollowUpWorkflowJobs.EscalationDays(configuration));
        var run = await workflow.EscalateAsync(day, days, ct);
        log.LogInformation("Follow-up escalation {Day} after {Days} days: {Written} escalated of {Candidates}", day, days, run.Written, run.Candidates);
        return run;
    }
}

[AutomaticRetry(Attempts = 3)]
public sealed class FollowUpLostJob(FollowUpWorkflow workflow, TimeProvider clock, ILogger<FollowUpLostJob> log)
{
    public const string RecurringJobId = "follow-up-lost";
    public const string CronSetting = "FollowUp:LostCron";
    public const string DefaultCron = "30 1 * * *";

    public async Task<FollowUpRun> RunAsync(CancellationToken ct)
    {
        var day = FollowUpWorkflowJobs.Today(clock);
        var run = await workflow.MarkLostAsync(day, ct);
        log.LogInformation("Follow-up lost {Day}: {Written} lost or restored of {Candidates}", day, run.Written, run.Candidates);
        return run;
    }
}

public static class FollowUpWorkflowJobs
{
    public const string EscalationDaysSetting = "FollowUp:EscalationDays";
    public const int DefaultEscalationDays = 30;
    public const string MonthlySnapshotId = "follow-up-rates-monthly";
    public const string MonthlySnapshotCronSetting = "FollowUp:MonthlySnapshotCron";
    public const string DefaultMonthlySnapshotCron = "0 3 1 * *"; // 03:00 on the first of the month

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static int EscalationDays(IConfiguration configuration) =>
        int.TryParse(configuration[EscalationDaysSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 365
            ? d : DefaultEscalationDays;

    public static IServiceCollection AddFollowUpWorkflowJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<FollowUpWorkflow>();
        services.AddScoped<FollowUpDueListJob>();
        services.AddScoped<FollowUpEscalationJob>();
        services.AddScoped<FollowUpLostJob>();
        // Not AddHostedService: it keeps one service per implementation type, and the other jobs use the same one.
        services.AddSingleton<IHostedService>(sp => new RecurringJobsRegistration(() =>
            Schedule(sp.GetRequiredService<IRecurringJobManager>(), configuration)));
        return services;
    }

    /// <summary>Adds or updates the three workflow jobs and the monthly snapshot (crons in the server's local time zone).</summary>
    public static void Schedule(IRecurringJobManager jobs, IConfiguration configuration)
    {
        string Cron(string setting, string fallback) => configuration[setting] is { Length: > 0 } c ? c : fallback;
        var local = new RecurringJobOptions { TimeZone = TimeZoneInfo.Local };
        jobs.AddOrUpdate<FollowUpDueListJob>(FollowUpDueListJob.RecurringJobId, j => j.RunAsync(CancellationToken.None),
            Cron(FollowUpDueListJob.CronSetting, FollowUpDueListJob.DefaultCron), local);
        jobs.AddOrUpdate<FollowUpEscalationJob>(FollowUpEscalationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None),
            Cron(FollowUpEscalationJob.CronSetting, FollowUpEscalationJob.DefaultCron), local);
        jobs.AddOrUpdate<FollowUpLostJob>(FollowUpLostJob.RecurringJobId, j => j.RunAsync(CancellationToken.None),
            Cron(FollowUpLostJob.CronSetting, FollowUpLostJob.DefaultCron), local);
        // The month's rates kept as the trend's point: the snapshot job, once more on the first (it upserts the day's rows).
        jobs.AddOrUpdate<FollowUpSnapshotJob>(MonthlySnapshotId, j => j.RunAsync(null!, CancellationToken.None),
            Cron(MonthlySnapshotCronSetting, DefaultMonthlySnapshotCron), local);
    }
}
