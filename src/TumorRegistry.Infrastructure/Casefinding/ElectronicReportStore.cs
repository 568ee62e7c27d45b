using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Casefinding;

namespace TumorRegistry.Infrastructure.Casefinding;

/// <summary>What receiving a report did: the report's id, whether it was already there (a re-send), and its screening.</summary>
public sealed record ReportReceipt(Guid ReportId, bool AlreadyReceived, string Status, bool Reportable, string Screening);

/// <summary>A stored event of a report's stream.</summary>
public sealed record ReportEventRecord(int Version, string Type, JsonElement Data, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A report as the registrar sees it: as received (raw), what was read from it, its screening and its queue place.</summary>
public sealed record ElectronicReport(Guid Id, string Format, string ContentType, string Source, DateTimeOffset ReceivedAt, string ReceivedBy,
    string Sha256, string Raw, string Status, string? Resolution, int Version, ExtractedReport Extracted, ScreeningResult Screening,
    IReadOnlyList<ReportEventRecord> Events);

/// <summary>A report that does not exist, or a decision its state does not allow (already resolved).</summary>
public sealed class ReportNotFoundException(Guid id) : Exception($"Report {id} not found.");
public sealed class ReportStateException(string message) : Exception(message);

/// <summary>
/// Electronic reports in PostgreSQL (migration 0080): the raw report in an append-only table keyed by its SHA-256, its
/// stream of events, and the casefinding queue folded from them in the same transaction. Reading and screening are the
/// pure TumorRegistry.Casefinding's; a report it refuses is never stored.
/// </summary>
public sealed class ElectronicReportStore(NpgsqlDataSource db, TimeProvider clock, CasefindingLists lists)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DictionaryKeyPolicy = null };
    private readonly PathologyReportReader hl7 = new(lists);
    private readonly FhirBundleReader fhir = new(lists);
    private readonly ReportabilityScreen screen = new(lists);

    public static string Hash(byte[] raw) => Convert.ToHexStringLower(SHA256.HashData(raw));

    /// <summary>Stores, reads and screens a report; a re-send (same bytes) returns the first receipt and adds nothing.</summary>
    public async Task<ReportReceipt> ReceiveAsync(string format, string contentType, string source, byte[] raw, string receivedBy, CancellationToken ct)
    {
        var sha = Hash(raw);
        if (await FindByHashAsync(sha, ct) is { } existing) return existing;
        var text = Encoding.UTF8.GetString(raw);
        var extracted = format == ExtractedReport.Hl7v2 ? hl7.Read(text) : fhir.Read(text); // throws ReportRefusedException: nothing stored
        var screening = screen.Screen(extracted);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var received = new ElectronicReportReceived(format, source, contentType, sha, extracted.PatientItems, extracted.TumorItems,
            extracted.DiagnosisText, extracted.Codes);
        var screened = new ReportScreened(screening.Reportable, screening.Reasons);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            insert into electronic_reports (id, sha256, format, content_type, source, received_at, received_by, raw)
            values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (sha256) do nothing
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(sha);
            insert.Parameters.AddWithValue(format);
            insert.Parameters.AddWithValue(contentType);
            insert.Parameters.AddWithValue(source);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(receivedBy);
            insert.Parameters.AddWithValue(raw);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                // The same report sent twice at once: the other request stored it.
                await tx.RollbackAsync(ct);
                return (await FindByHashAsync(sha, ct))!;
            }
        }
        await AppendAsync(conn, tx, id, 1, received, receivedBy, now, ct);
        await AppendAsync(conn, tx, id, 2, screened, receivedBy, now, ct);
        var entry = CasefindingQueueEntry.Apply(CasefindingQueueEntry.Apply(null, received), screened)!;
        await using (var queue = new NpgsqlCommand("""
            insert into casefinding_queue (report_id, status, reportable, screening, format, source, received_at, reporting_facility,
                primary_site, histology, behavior, date_of_diagnosis, version, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 2, $7)
            """, conn, tx))
        {
            queue.Parameters.AddWithValue(id);
            queue.Parameters.AddWithValue(entry.Status);
            queue.Parameters.AddWithValue(entry.Reportable);
            queue.Parameters.AddWithValue(entry.Screening);
            queue.Parameters.AddWithValue(format);
            queue.Parameters.AddWithValue(source);
            queue.Parameters.AddWithValue(now);
            foreach (var item in new[] { "reportingFacility", "primarySite", "histologicTypeIcdO3", "behaviorCodeIcdO3", "dateOfDiagnosis" })
                queue.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)extracted.TumorItems.GetValueOrDefault(item) ?? DBNull.Value);
            await queue.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ReportReceipt(id, false, entry.Status, entry.Reportable, entry.Screening);
    }

    /// <summary>A registrar dismisses a report from the queue with a reason: a ReportDismissed event (409 when already resolved).</summary>
    public Task<ReportReceipt> DismissAsync(Guid id, string reason, string by, CancellationToken ct) =>
        RecordAsync(id, new ReportDismissed(reason), by, ct);

    /// <summary>Appends a decision on the report (dismissed, held for a review, accepted into a case) and moves its queue row.</summary>
    public async Task<ReportReceipt> RecordAsync<TEvent>(Guid id, TEvent decided, string by, CancellationToken ct) where TEvent : IReportEvent
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        CasefindingQueueEntry entry;
        int version;
        await using (var read = new NpgsqlCommand(
            "select status, reportable, screening, resolution, version from casefinding_queue where report_id = $1 for update", conn, tx))
        {
            read.Parameters.AddWithValue(id);
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new ReportNotFoundException(id);
            entry = new(r.GetString(0), r.GetBoolean(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3));
            version = r.GetInt32(4);
        }
        if (entry.Status == CasefindingQueueEntry.Resolved) throw new ReportStateException($"The report is already resolved ({entry.Resolution}).");
        var now = clock.GetUtcNow();
        await AppendAsync(conn, tx, id, version + 1, decided, by, now, ct);
        var next = CasefindingQueueEntry.Apply(entry, decided)!;
        await using (var update = new NpgsqlCommand(
            "update casefinding_queue set status = $2, resolution = $3, version = $4, updated_at = $5 where report_id = $1", conn, tx))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(next.Status);
            update.Parameters.AddWithValue(next.Resolution!);
            update.Parameters.AddWithValue(version + 1);
            update.Parameters.AddWithValue(now);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ReportReceipt(id, false, next.Status, next.Reportable, next.Screening);
    }

    public async Task<ElectronicReport?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select r.format, r.content_type, r.source, r.received_at, r.received_by, r.sha256, r.raw, q.status, q.resolution, q.version
            from electronic_reports r join casefinding_queue q on q.report_id = r.id where r.id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var head = (Format: r.GetString(0), ContentType: r.GetString(1), Source: r.GetString(2), At: r.GetFieldValue<DateTimeOffset>(3),
            By: r.GetString(4), Sha: r.GetString(5), Raw: Encoding.UTF8.GetString(r.GetFieldValue<byte[]>(6)), Status: r.GetString(7),
            Resolution: r.IsDBNull(8) ? null : r.GetString(8), Version: r.GetInt32(9));
        await r.DisposeAsync();
        var events = await EventsAsync(id, ct);
        var received = events.First(e => e.Type == ElectronicReportReceived.Name).Data.Deserialize<ElectronicReportReceived>(Json)!;
        var screened = events.Last(e => e.Type == ReportScreened.Name).Data.Deserialize<ReportScreened>(Json)!;
        return new ElectronicReport(id, head.Format, head.ContentType, head.Source, head.At, head.By, head.Sha, head.Raw, head.Status,
            head.Resolution, head.Version, received.Extracted, new ScreeningResult(screened.Reportable, screened.Reasons), events);
    }

    public async Task<IReadOnlyList<ReportEventRecord>> EventsAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select version, type, data::text, recorded_by, recorded_at from electronic_report_events where report_id = $1 order by version");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ReportEventRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetInt32(0), r.GetString(1), JsonDocument.Parse(r.GetString(2)).RootElement.Clone(), r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4)));
        return list;
    }

    private async Task<ReportReceipt?> FindByHashAsync(string sha, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select q.report_id, q.status, q.reportable, q.screening from electronic_reports r join casefinding_queue q on q.report_id = r.id
            where r.sha256 = $1
            """);
        cmd.Parameters.AddWithValue(sha);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new ReportReceipt(r.GetGuid(0), true, r.GetString(1), r.GetBoolean(2), r.GetString(3)) : null;
    }

    private static async Task AppendAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, int version, T e, string by,
        DateTimeOffset at, CancellationToken ct) where T : IReportEvent
    {
        await using var cmd = new NpgsqlCommand("""
            insert into electronic_report_events (report_id, version, type, data, recorded_by, recorded_at) values ($1, $2, $3, $4::jsonb, $5, $6)
            """, conn, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(version);
        cmd.Parameters.AddWithValue(T.Name);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(e, Json));
        cmd.Parameters.AddWithValue(by);
        cmd.Parameters.AddWithValue(at);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
