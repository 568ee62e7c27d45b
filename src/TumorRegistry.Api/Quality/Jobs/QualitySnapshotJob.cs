using System.Text.Json;
using Hangfire;
using Hangfire.Server;
using Npgsql;
using TumorRegistry.Infrastructure.Quality;

namespace TumorRegistry.Api.Quality.Jobs;

/// <summary>
/// The monthly data quality snapshot: the indicators of the last few diagnosis years (QualityJobs.Years) for the registry and
/// each facility, upserted into quality_snapshots under the month, so a second run in the same month (a retry, a manual
/// run, a job run twice by Hangfire) replaces the month's rows instead of adding to them. Counts only.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class QualitySnapshotJob(RegistryQuality quality, NpgsqlDataSource db, TimeProvider clock, IConfiguration configuration,
    ILogger<QualitySnapshotJob> log)
{
    public const string RecurringJobId = "quality-snapshot";
    public const string AllFacilities = "all";

    /// <summary>Hangfire passes the job's context and its server's shutdown token in place of the placeholders it was enqueued with.</summary>
    public async Task RunAsync(PerformContext context, CancellationToken ct) => await SnapshotAsync(context.BackgroundJob.Id, ct);

    /// <summary>Takes this month's snapshot; returns the rows written.</summary>
    public async Task<int> SnapshotAsync(string jobId, CancellationToken ct)
    {
        var takenAt = clock.GetUtcNow();
        var month = new DateOnly(takenAt.Year, takenAt.Month, 1);
        var years = QualityJobs.Years(configuration);
        var rows = new List<(int Year, string Facility, Domain.Quality.QualityReport Report)>();
        for (var year = takenAt.Year - years; year < takenAt.Year; year++)
        {
            var result = await quality.BuildAsync(year, year, null, _ => true, allFacilities: true, ct);
            rows.Add((year, AllFacilities, result.Registry));
            rows.AddRange(result.Facilities.Select(f => (year, f.Facility, f.Report)));
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The month's rows of these years are replaced whole: a facility gone since the last run leaves nothing behind.
        await using (var clear = new NpgsqlCommand("delete from quality_snapshots where month = $1 and dx_year between $2 and $3", conn, tx))
        {
            clear.Parameters.AddWithValue(month);
            clear.Parameters.AddWithValue(takenAt.Year - years);
            clear.Parameters.AddWithValue(takenAt.Year - 1);
            await clear.ExecuteNonQueryAsync(ct);
        }
        // Rows in one order, so two runs in the same month lock them in the same order (no deadlock).
        foreach (var (year, facility, report) in rows.OrderBy(r => r.Year).ThenBy(r => r.Facility, StringComparer.Ordinal))
            foreach (var i in report.Indicators)
            {
                await using var cmd = new NpgsqlCommand("""
                    insert into quality_snapshots (month, dx_year, facility, indicator, records, numerator, denominator, value, marks, taken_at, job_id)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
                    on conflict (month, dx_year, facility, indicator) do update set records = excluded.records,
                        numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,
                        marks = excluded.marks, taken_at = excluded.taken_at, job_id = excluded.job_id
                    """, conn, tx);
                cmd.Parameters.AddWithValue(month);
                cmd.Parameters.AddWithValue(year);
                cmd.Parameters.AddWithValue(facility);
                cmd.Parameters.AddWithValue(i.Id);
                cmd.Parameters.AddWithValue(report.Records);
                cmd.Parameters.AddWithValue(i.Numerator);
                cmd.Parameters.AddWithValue((object?)i.Denominator ?? DBNull.Value);
                cmd.Parameters.AddWithValue((object?)i.Value ?? DBNull.Value);
                cmd.Parameters.AddWithValue(JsonSerializer.Serialize(i.Marks.Select(m => new { standard = m.Standard, pass = m.Pass })));
                cmd.Parameters.AddWithValue(takenAt);
                cmd.Parameters.AddWithValue(jobId);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        await tx.CommitAsync(ct);
        log.LogInformation("Quality snapshot for {Month}: {Years} diagnosis years, {Rows} facility-years, job {JobId}",
            month, years, rows.Count, jobId);
        return rows.Sum(r => r.Report.Indicators.Count);
    }
}
