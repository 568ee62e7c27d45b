using TumorRegistry.Api.Jobs;
using System.Globalization;
using Hangfire;
using Npgsql;

namespace TumorRegistry.Api.FollowUp.Jobs;

public sealed record FollowUpSnapshot(DateOnly AsOf, string Facility, int ReferenceYear, int DueCount, int LostCount,
    int SinceReferenceYearCases, int SinceReferenceYearFollowed, double? SinceReferenceYearRate,
    int LastFiveYearsCases, int LastFiveYearsFollowed, double? LastFiveYearsRate, DateTimeOffset TakenAt, string JobInstanceId);


/// <summary>
/// The follow-up jobs on Hangfire (JobsModule): the nightly snapshot is the recurring job "follow-up-snapshot", its cron
/// from FollowUp:SnapshotCron; every service process registers it at start-up and Hangfire keeps one definition per id.
/// </summary>
public static class FollowUpJobs
{
    public const string CronSetting = "FollowUp:SnapshotCron";
    public const string ReferenceYearSetting = "FollowUp:ReferenceYear";
    public const string DefaultCron = "0 2 * * *"; // 02:00 every day, server local time

    /// <summary>The registry's reference year for the snapshot's rates: FollowUp:ReferenceYear, else five years before the as-of year.</summary>
    public static int ReferenceYear(IConfiguration configuration, DateOnly asOf) =>
        int.TryParse(configuration[ReferenceYearSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1900 && y <= asOf.Year
            ? y : asOf.Year - 5;

    public static IServiceCollection AddFollowUpJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<FollowUpSnapshotJob>();
        services.AddFollowUpWorkflowJobs(configuration);
        services.AddHostedService(sp => new RecurringJobsRegistration(() => Schedule(sp.GetRequiredService<IRecurringJobManager>(), configuration)));
        return services;
    }

    /// <summary>Adds or updates the recurring snapshot job (cron in the server's local time zone, as before).</summary>
    public static void Schedule(IRecurringJobManager jobs, IConfiguration configuration) =>
        jobs.AddOrUpdate<FollowUpSnapshotJob>(FollowUpSnapshotJob.RecurringJobId, j => j.RunAsync(null!, CancellationToken.None),
            configuration[CronSetting] is { Length: > 0 } c ? c : DefaultCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });

    public static void MapFollowUpSnapshots(this IEndpointRouteBuilder app)
    {
        app.MapGet("/snapshots", async (string? from, string? to, string? facility, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var (start, end) = (p.OptionalDate("from", from), p.OptionalDate("to", to));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                await using var cmd = db.CreateCommand("""
                    select as_of, facility, reference_year, due_count, lost_count, since_reference_year_cases, since_reference_year_followed,
                        since_reference_year_rate, last_five_years_cases, last_five_years_followed, last_five_years_rate, taken_at, job_instance_id
                    from follow_up_snapshots
                    where ($1::date is null or as_of >= $1) and ($2::date is null or as_of <= $2) and ($3::text is null or facility = $3)
                    order by as_of, facility <> 'all', facility
                    """);
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)start ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)end ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter
                    { Value = (object?)FollowUpParameters.Blank(facility) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                var rows = new List<FollowUpSnapshot>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    rows.Add(new FollowUpSnapshot(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4),
                        r.GetInt32(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.GetInt32(8), r.GetInt32(9),
                        r.IsDBNull(10) ? null : r.GetDouble(10), r.GetFieldValue<DateTimeOffset>(11), r.GetString(12)));
                return Results.Ok(rows);
            })
            .WithName("GetFollowUpSnapshots")
            .WithSummary("Daily follow-up workload snapshots (due, lost, both CoC rates) by facility and for all facilities ('all'), from/to as-of dates.")
            .Produces<List<FollowUpSnapshot>>().ProducesValidationProblem();

        // Who may run it is the endpoint's policy (managers: Security/Authorization/EndpointPolicies).
        app.MapPost("/snapshots/run", (IRecurringJobManagerV2 jobs, ILoggerFactory logs) =>
                RecurringJobTrigger.TriggerAsync(jobs, FollowUpSnapshotJob.RecurringJobId, "/follow-up/snapshots", logs.CreateLogger("FollowUpJobs")))
            .WithName("RunFollowUpSnapshot")
            .WithSummary("Enqueue the follow-up snapshot job now (any service process may run it); managers.")
            .Produces<SnapshotRunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>Runs a registration of recurring jobs when the host starts.</summary>
internal sealed class RecurringJobsRegistration(Action register) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        register();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
