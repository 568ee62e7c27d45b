using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Infrastructure.Casefinding;

/// <summary>One report waiting in (or done with) the casefinding queue; days waiting counted from its receipt.</summary>
public sealed record QueuedReport(Guid ReportId, string Status, bool Reportable, string Screening, string? Resolution, string Format,
    string Source, DateTimeOffset ReceivedAt, int DaysWaiting, string? ReportingFacility, string? PrimarySite, string? Histology,
    string? Behavior, string? DateOfDiagnosis);

/// <summary>The queue's counts by status, with the oldest waiting report's age per status.</summary>
public sealed record QueueCount(string Status, int Reports, int? OldestDays);

/// <summary>Held: the facilities the principal holds (null for a central registrar holding every one); reports of others are not shown.</summary>
public sealed record QueueFilter(string? Status, string? Facility, string? Format, int Limit = 200, IReadOnlyList<string>? Held = null);

/// <summary>Reads the casefinding worklist (migration 0080's read model). Not identified: sites, codes, dates, facility only.</summary>
public sealed class CasefindingQueueReader(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<(IReadOnlyList<QueuedReport> Reports, IReadOnlyList<QueueCount> Counts)> ReadAsync(QueueFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            select report_id, status, reportable, screening, resolution, format, source, received_at, reporting_facility, primary_site,
                   histology, behavior, date_of_diagnosis
            from casefinding_queue
            where ($1::text is null or status = $1) and ($2::text is null or reporting_facility = $2) and ($3::text is null or format = $3)
              and ($5::text[] is null or reporting_facility = any($5))
            order by received_at, report_id limit $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Status ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Facility ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Format ?? DBNull.Value });
        cmd.Parameters.AddWithValue(filter.Limit);
        cmd.Parameters.Add(Held(filter));
        var reports = new List<QueuedReport>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var at = r.GetFieldValue<DateTimeOffset>(7);
                reports.Add(new(r.GetGuid(0), r.GetString(1), r.GetBoolean(2), r.GetString(3), Text(r, 4), r.GetString(5), r.GetString(6), at,
                    Days(now, at), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12)));
            }
        await using var counts = db.CreateCommand("""
            select status, count(*)::int, min(received_at) from casefinding_queue
            where ($1::text is null or reporting_facility = $1) and ($2::text is null or format = $2)
              and ($3::text[] is null or reporting_facility = any($3)) group by status
            """);
        counts.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Facility ?? DBNull.Value });
        counts.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Format ?? DBNull.Value });
        counts.Parameters.Add(Held(filter));
        var byStatus = new Dictionary<string, QueueCount>();
        await using (var r = await counts.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                byStatus[r.GetString(0)] = new(r.GetString(0), r.GetInt32(1), Days(now, r.GetFieldValue<DateTimeOffset>(2)));
        var all = TumorRegistry.Casefinding.CasefindingQueueEntry.Statuses
            .Select(s => byStatus.GetValueOrDefault(s) ?? new QueueCount(s, 0, null)).ToList();
        return (reports, all);
    }

    private static NpgsqlParameter Held(QueueFilter f) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)f.Held?.ToArray() ?? DBNull.Value };

    private static int Days(DateTimeOffset now, DateTimeOffset at) => Math.Max(0, (int)(now - at).TotalDays);
    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
