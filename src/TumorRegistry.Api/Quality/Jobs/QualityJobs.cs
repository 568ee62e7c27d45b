using TumorRegistry.Api.Jobs;
using System.Globalization;
using Hangfire;
using Npgsql;
using TumorRegistry.Api.FollowUp.Jobs;

namespace TumorRegistry.Api.Quality.Jobs;

public sealed record QualitySnapshotRow(DateOnly Month, int DxYear, string Facility, string Indicator, int Records, int Numerator,
    double? Denominator, double? Value, string Marks, DateTimeOffset TakenAt);

/// <summary>The monthly quality snapshot on Hangfire: recurring job "quality-snapshot", cron from Quality:SnapshotCron.</summary>
public static class QualityJobs
{
    public const string CronSetting = "Quality:SnapshotCron";
    public const string YearsSetting = "Quality:SnapshotYears";
    public const string DefaultCron = "0 3 1 * *"; // 03:00 on the first of every month, server local time

    /// <summary>How many diagnosis years before the current one each snapshot covers (default 3: the years being closed out).</summary>
    public static int Years(IConfiguration configuration) =>
        int.TryParse(configuration[YearsSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10 ? n : 3;

    public static IServiceCollection AddQualityJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<QualitySnapshotJob>();
        // Not AddHostedService: it adds one service per implementation type, and the other jobs use the same one.
        services.AddSingleton<IHostedService>(sp => new RecurringJobsRegistration(() => sp.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<QualitySnapshotJob>(QualitySnapshotJob.RecurringJobId, j => j.RunAsync(null!, CancellationToken.None),
                configuration[CronSetting] is { Length: > 0 } c ? c : DefaultCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Local })));
        return services;
    }

    public static void MapQualitySnapshots(RouteGroupBuilder app)
    {
        app.MapGet("/snapshots", async (string? from, string? to, string? facility, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            {
                var p = new QualityParameters(clock);
                var (start, end) = (p.Month("from", from), p.Month("to", to));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                await using var cmd = db.CreateCommand("""
                    select month, dx_year, facility, indicator, records, numerator, denominator, value, marks::text, taken_at
                    from quality_snapshots
                    where ($1::date is null or month >= $1) and ($2::date is null or month <= $2) and facility = coalesce($3, 'all')
                    order by month, dx_year, indicator
                    """);
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)start ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)end ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter
                    { Value = (object?)QualityParameters.Blank(facility) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                var rows = new List<QualitySnapshotRow>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    rows.Add(new QualitySnapshotRow(r.GetFieldValue<DateOnly>(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                        r.GetInt32(5), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.GetString(8),
                        r.GetFieldValue<DateTimeOffset>(9)));
                return Results.Ok(rows);
            })
            .WithName("GetQualitySnapshots")
            .WithSummary("Monthly data quality snapshots (from/to as yyyy-MM) for the registry ('all', default) or one facility.")
            .Produces<List<QualitySnapshotRow>>().ProducesValidationProblem();

        app.MapPost("/snapshots/run", (IRecurringJobManagerV2 jobs, ILoggerFactory logs) =>
                RecurringJobTrigger.TriggerAsync(jobs, QualitySnapshotJob.RecurringJobId, "/quality/snapshots", logs.CreateLogger("QualityJobs")))
            .WithName("RunQualitySnapshot")
            .WithSummary("Enqueue this month's data quality snapshot now (replaces the month's rows); managers and admins.")
            .Produces<SnapshotRunAccepted>(StatusCodes.Status202Accepted);
    }
}
