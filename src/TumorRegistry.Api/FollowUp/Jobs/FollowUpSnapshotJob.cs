using Hangfire;
using Hangfire.Server;
using Npgsql;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp.Jobs;

/// <summary>
/// The nightly follow-up workload snapshot: today's due list (due and lost counts) and the two CoC rates with their
/// numerators and denominators, one row per reporting facility and one for all facilities, upserted into
/// follow_up_snapshots so a rerun the same day replaces the day's rows. Counts only: no patient identifier is stored or logged.
/// Resolved from DI in a scope per job; reads the date from TimeProvider.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class FollowUpSnapshotJob(FollowUpReader reader, NpgsqlDataSource db, TimeProvider clock, IConfiguration configuration,
    FollowUpRules rules, ILogger<FollowUpSnapshotJob> log)
{
    public const string RecurringJobId = "follow-up-snapshot";

    /// <summary>The all-facilities row, and the row of cases without a reporting facility (facility codes are 10 digits).</summary>
    public const string AllFacilities = "all";
    public const string NoFacility = "none";

    /// <summary>Hangfire passes the job's context and its server's shutdown token in place of the placeholders it was enqueued with.</summary>
    public async Task RunAsync(PerformContext context, CancellationToken ct)
    {
        var takenAt = clock.GetUtcNow();
        var asOf = DateOnly.FromDateTime(takenAt.UtcDateTime);
        var referenceYear = FollowUpJobs.ReferenceYear(configuration, asOf);
        var rows = await reader.AnalyticCasesAsync(null, ct);
        // Facilities in one order, so two runs on the same day lock the day's rows in the same order (no deadlock).
        var snapshots = rows.GroupBy(r => r.ReportingFacility ?? NoFacility).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Snapshot(g.Key, g.Select(r => r.Case).ToList(), asOf, referenceYear, rules))
            .Prepend(Snapshot(AllFacilities, rows.Select(r => r.Case).ToList(), asOf, referenceYear, rules))
            .ToList();

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await ClaimAsync(conn, tx, context, asOf, takenAt, ct))
        {
            log.LogWarning("Follow-up snapshot job {JobId} already stored its snapshot; this run stores nothing", context.BackgroundJob.Id);
            return;
        }
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
            cmd.Parameters.AddWithValue(context.ServerId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Follow-up snapshot as of {AsOf}: {Rows} rows (facilities and all), job {JobId} on server {Server}",
            asOf, snapshots.Count, context.BackgroundJob.Id, context.ServerId);
    }

    /// <summary>Records the job id in the snapshot's transaction. A second run of the same job waits here until the first
    /// commits (primary key), then finds the row and stores nothing; if the first rolled back or died, the second stores.</summary>
    private static async Task<bool> ClaimAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PerformContext context, DateOnly asOf,
        DateTimeOffset takenAt, CancellationToken ct)
    {
        var time = context.GetJobParameter<long?>("Time"); // set by Hangfire on jobs a recurring job enqueued
        await using var cmd = new NpgsqlCommand("""
            insert into follow_up_snapshot_runs (job_id, as_of, occurrence, server_id, taken_at) values ($1, $2, $3, $4, $5)
            on conflict (job_id) do nothing
            """, conn, tx);
        cmd.Parameters.AddWithValue(context.BackgroundJob.Id);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.AddWithValue(time is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : (object)DBNull.Value);
        cmd.Parameters.AddWithValue(context.ServerId);
        cmd.Parameters.AddWithValue(takenAt);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private sealed record FacilitySnapshot(string Facility, int Due, int Lost, FollowUpRates Rates);

    private static FacilitySnapshot Snapshot(string facility, List<FollowUpCase> cases, DateOnly asOf, int referenceYear, FollowUpRules rules)
    {
        var due = cases.Where(c => c.IsDueAsOf(asOf, rules)).ToList();
        return new FacilitySnapshot(facility, due.Count, due.Count(c => c.IsLostAsOf(asOf)), FollowUpRates.Compute(cases, asOf, referenceYear, rules));
    }
}
