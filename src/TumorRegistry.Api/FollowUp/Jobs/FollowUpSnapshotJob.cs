using Npgsql;
using Quartz;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp.Jobs;

/// <summary>
/// The nightly follow-up workload snapshot: today's due list (due and lost counts) and the two CoC rates with their
/// numerators and denominators, one row per reporting facility and one for all facilities, upserted into
/// follow_up_snapshots so a rerun the same day replaces the day's rows. Counts only: no patient identifier is stored or logged.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpSnapshotJob(FollowUpReader reader, NpgsqlDataSource db, TimeProvider clock, IConfiguration configuration,
    ILogger<FollowUpSnapshotJob> log) : IJob
{
    public static readonly JobKey Key = new("follow-up-snapshot", "follow-up");
    public static readonly TriggerKey NightlyTrigger = new("follow-up-snapshot-nightly", "follow-up");

    /// <summary>The all-facilities row, and the row of cases without a reporting facility (facility codes are 10 digits).</summary>
    public const string AllFacilities = "all";
    public const string NoFacility = "none";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var takenAt = clock.GetUtcNow();
        var asOf = DateOnly.FromDateTime(takenAt.UtcDateTime);
        var referenceYear = FollowUpJobs.ReferenceYear(configuration, asOf);
        var rows = await reader.AnalyticCasesAsync(null, ct);
        var snapshots = rows.GroupBy(r => r.ReportingFacility ?? NoFacility)
            .Select(g => Snapshot(g.Key, g.Select(r => r.Case).ToList(), asOf, referenceYear))
            .Prepend(Snapshot(AllFacilities, rows.Select(r => r.Case).ToList(), asOf, referenceYear))
            .ToList();

        var instance = context.Scheduler.SchedulerInstanceId;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var s in snapshots)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into follow_up_snapshots (as_of, facility, reference_year, due_count, lost_count,
                    since_reference_year_cases, since_reference_year_followed, since_reference_year_rate,
                    last_five_years_cases, last_five_years_followed, last_five_years_rate, taken_at, job_instance_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                on conflict (as_of, facility) do update set reference_year = excluded.reference_year,
                    due_count = excluded.due_count, lost_count = excluded.lost_count,
                    since_reference_year_cases = excluded.since_reference_year_cases,
                    since_reference_year_followed = excluded.since_reference_year_followed,
                    since_reference_year_rate = excluded.since_reference_year_rate,
                    last_five_years_cases = excluded.last_five_years_cases, last_five_years_followed = excluded.last_five_years_followed,
                    last_five_years_rate = excluded.last_five_years_rate, taken_at = excluded.taken_at,
                    job_instance_id = excluded.job_instance_id
                """, conn, tx);
            cmd.Parameters.AddWithValue(asOf);
            cmd.Parameters.AddWithValue(s.Facility);
            cmd.Parameters.AddWithValue(referenceYear);
            cmd.Parameters.AddWithValue(s.Due);
            cmd.Parameters.AddWithValue(s.Lost);
            cmd.Parameters.AddWithValue(s.Rates.SinceReferenceYear.Cases);
            cmd.Parameters.AddWithValue(s.Rates.SinceReferenceYear.Followed);
            cmd.Parameters.AddWithValue((object?)s.Rates.SinceReferenceYear.Rate ?? DBNull.Value);
            cmd.Parameters.AddWithValue(s.Rates.LastFiveYears.Cases);
            cmd.Parameters.AddWithValue(s.Rates.LastFiveYears.Followed);
            cmd.Parameters.AddWithValue((object?)s.Rates.LastFiveYears.Rate ?? DBNull.Value);
            cmd.Parameters.AddWithValue(takenAt);
            cmd.Parameters.AddWithValue(instance);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Follow-up snapshot as of {AsOf}: {Rows} rows (facilities and all) on scheduler instance {Instance}",
            asOf, snapshots.Count, instance);
    }

    private sealed record FacilitySnapshot(string Facility, int Due, int Lost, FollowUpRates Rates);

    private static FacilitySnapshot Snapshot(string facility, List<FollowUpCase> cases, DateOnly asOf, int referenceYear)
    {
        var due = cases.Where(c => c.IsDueAsOf(asOf)).ToList();
        return new FacilitySnapshot(facility, due.Count, due.Count(c => c.IsLostAsOf(asOf)), FollowUpRates.Compute(cases, asOf, referenceYear));
    }
}
