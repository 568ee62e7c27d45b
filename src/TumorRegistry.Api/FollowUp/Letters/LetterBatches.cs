using System.Globalization;
using CsvHelper;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.FollowUp.Letters;

public sealed record LetterBatchInfo(Guid BatchId, DateOnly CreatedOn, DateTimeOffset CreatedAt, string CreatedBy, string? Facility, int Letters);
public sealed record LetterBatchCreated(Guid? BatchId, int Letters);

/// <summary>One row of the mail-merge file: the addressee, the patients and the tumors in words.</summary>
public sealed record MailMergeRow(int LetterNo, string AddresseeKind, string? AddresseeName, string? Npi, string? Street, string? Supplement,
    string? City, string? State, string? PostalCode, string Template, string Patients, string Tumors);

/// <summary>
/// Letter batches: the open requests whose current addressee has had no letter since it was asked, one letter per
/// addressee (a physician following three patients gets one letter naming the three), stored with the batch and marked
/// on each patient stream (FollowUpLetterSent) in one transaction under a lock, so two batches never mail twice.
/// </summary>
public sealed class LetterBatchService(RegistryEvents events, FollowUpReader reader, NaaccrStandards standards)
{
    public async Task<LetterBatchCreated> CreateAsync(DateOnly today, DateTimeOffset now, string user, string? facility, CancellationToken ct)
    {
        await using var write = await events.OpenWriteSessionAsync(ct);
        var (conn, tx) = (write.Connection, write.Transaction);
        await Exec(conn, tx, "select pg_advisory_xact_lock(hashtext('follow-up-letter-batch'))", ct);

        var pending = new List<(Guid Request, Guid Patient, FollowUpAddressee To, string Template, Guid[] Cases)>();
        await using (var cmd = new NpgsqlCommand("""
            select r.request_id, r.patient_id, r.letter_template, r.cases
            from follow_up_requests r
            where r.answered_on is null and (r.last_sent_on is null or r.last_sent_on < r.asked_on)
              and ($1::text is null or exists (select 1 from case_summary c where c.case_id = any(r.cases) and c.reporting_facility = $1))
            order by r.requested_on, r.request_id
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                pending.Add((r.GetGuid(0), r.GetGuid(1), null!, r.GetString(2), r.GetFieldValue<Guid[]>(3)));
        }
        if (pending.Count == 0) return new LetterBatchCreated(null, 0);

        // The current addressee is on the request's events: read each patient's stream (as the letter goes, not as first asked).
        var rows = (await reader.AnalyticCasesAsync(null, ct)).ToDictionary(x => x.CaseId);
        for (var i = 0; i < pending.Count; i++)
        {
            var stream = await events.ReadStreamAsync(pending[i].Patient, ct: ct);
            var history = Domain.FollowUp.FollowUpHistory.From(stream.Select(e => (DomainEvent)e.Data));
            pending[i] = pending[i] with { To = history.Requests.Last(x => x.RequestId == pending[i].Request).Addressee };
        }
        var templates = (await LetterTemplates.ReadAllAsync(conn, tx, ct)).ToDictionary(t => t.Name);
        var batchId = Guid.NewGuid();
        // A patient is one addressee however alike two patients' names and addresses; physicians and contacts are who they say.
        var letters = pending.GroupBy(p => (p.To.Kind, p.To.Name, p.To.Npi, p.To.Street, p.To.City, p.To.PostalCode, p.Template,
                Patient: p.To.Kind == FollowUpAddressee.Patient ? p.Patient : Guid.Empty))
            .Select((g, i) => (No: i + 1, Items: g.ToList())).ToList();

        await using (var cmd = new NpgsqlCommand("""
            insert into follow_up_letter_batches (batch_id, created_on, created_at, created_by, facility, letter_count) values ($1, $2, $3, $4, $5, $6)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(batchId);
            cmd.Parameters.AddWithValue(today);
            cmd.Parameters.AddWithValue(now);
            cmd.Parameters.AddWithValue(user);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue(letters.Count);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (no, items) in letters)
        {
            var to = items[0].To;
            var template = templates.GetValueOrDefault(items[0].Template) ?? templates[FollowUpAddressee.Patient];
            var patients = items.Select(p =>
            {
                var cases = p.Cases.Select(rows.GetValueOrDefault).Where(c => c is not null).Select(c => c!).ToList();
                var first = cases.FirstOrDefault();
                return new LetterPatient(first?.PatientAddress.Name ?? "", first?.Case.DateOfBirth, first?.PatientIdNumber, first?.Case.DateOfLastContact,
                    cases.Select(c => Words.Tumor(standards.IcdO3, c.Case.PrimarySite, c.Case.Histology, c.Case.Behavior, c.Case.DateOfDiagnosis)).ToList());
            }).ToList();
            var html = LetterRendering.Html(template, LetterRendering.Text(template, today, to, patients));
            await using var cmd = new NpgsqlCommand("""
                insert into follow_up_letters (batch_id, letter_no, addressee_kind, addressee_name, addressee_npi, street, supplement, city, state,
                    postal_code, template, template_version, patients, requests, patient_names, tumors, html)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                """, conn, tx);
            cmd.Parameters.AddWithValue(batchId);
            cmd.Parameters.AddWithValue(no);
            cmd.Parameters.AddWithValue(to.Kind);
            foreach (var v in new[] { Words.Addressee(to), to.Npi, to.Street, to.Supplement, to.City, to.State, to.PostalCode })
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)v ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue(template.Name);
            cmd.Parameters.AddWithValue(template.Version);
            cmd.Parameters.AddWithValue(items.Select(p => p.Patient).Distinct().ToArray());
            cmd.Parameters.AddWithValue(items.Select(p => p.Request).ToArray());
            cmd.Parameters.AddWithValue(string.Join("; ", patients.Select(p => p.Name)));
            cmd.Parameters.AddWithValue(string.Join("\n", patients.SelectMany(p => p.Tumors.Select(t => $"{p.Name}: {t}"))));
            cmd.Parameters.AddWithValue(html);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // Additive events (no decision depends on the version), under the batch lock: appended at any version.
        var appends = pending.GroupBy(p => p.Patient).Select(g => new StreamAppend(g.Key, StreamTypes.Patient, StreamAppend.Any,
            g.Select(p => (object)new FollowUpLetterSent(p.Request, batchId, today, p.To.Kind)).ToList())).ToList();
        await events.AppendInSessionAsync(write.Session, appends, new EventMetadata(user, "follow-up letter batch"), ct);
        await write.CommitAsync(ct);
        return new LetterBatchCreated(batchId, letters.Count);
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public static class LetterBatchEndpoints
{
    public static void MapLetterBatches(this IEndpointRouteBuilder app)
    {
        app.MapPost("/letter-batches", async (string? facility, LetterBatchService batches, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                var created = await batches.CreateAsync(DateOnly.FromDateTime(now.UtcDateTime), now, http.User.Identity!.Name!,
                    FollowUpParameters.Blank(facility), ct);
                return created.BatchId is { } id ? Results.Created($"/follow-up/letter-batches/{id}", created) : Results.Ok(created);
            })
            .WithName("CreateFollowUpLetterBatch")
            .WithSummary("Make a batch of the letters due: each addressee of an open request not yet mailed, once; marks the letters sent. 200 with no batch when none is due.")
            .Produces<LetterBatchCreated>(StatusCodes.Status201Created).Produces<LetterBatchCreated>();

        app.MapGet("/letter-batches", async (string? facility, NpgsqlDataSource db, CancellationToken ct) =>
            {
                await using var cmd = db.CreateCommand("""
                    select batch_id, created_on, created_at, created_by, facility, letter_count from follow_up_letter_batches
                    where $1::text is null or facility = $1 order by created_at desc
                    """);
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)FollowUpParameters.Blank(facility) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                var list = new List<LetterBatchInfo>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    list.Add(new LetterBatchInfo(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3),
                        r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5)));
                return Results.Ok(list);
            })
            .WithName("GetFollowUpLetterBatches").WithSummary("Letter batches, newest first (counts only).").Produces<List<LetterBatchInfo>>();

        app.MapGet("/letter-batches/{id:guid}", async (Guid id, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
            {
                var letters = await LettersAsync(db, id, "html, patients", r => (Html: r.GetString(0), Patients: r.GetFieldValue<Guid[]>(1)), ct);
                if (letters.Count == 0) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No letter batch {id}.");
                PhiAuditMiddleware.Listed(http, letters.SelectMany(l => l.Patients).Select(p => ((Guid?)p, (Guid?)null)));
                return Results.Content(LetterRendering.Page("Follow-up letters", letters.Select(l => l.Html)), "text/html; charset=utf-8");
            })
            .WithName("GetFollowUpLetterBatch").WithSummary("The batch's letters as printable HTML: one letter per page.")
            .Produces<string>(contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/letter-batches/{id:guid}/csv", async (Guid id, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
            {
                var letters = await LettersAsync(db, id, """
                    letter_no, addressee_kind, addressee_name, addressee_npi, street, supplement, city, state, postal_code, template, patient_names, tumors, patients
                    """, r => (Row: new MailMergeRow(r.GetInt32(0), r.GetString(1), T(r, 2), T(r, 3), T(r, 4), T(r, 5), T(r, 6), T(r, 7), T(r, 8),
                        r.GetString(9), r.GetString(10), r.GetString(11)), Patients: r.GetFieldValue<Guid[]>(12)), ct);
                if (letters.Count == 0) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No letter batch {id}.");
                PhiAuditMiddleware.Listed(http, letters.SelectMany(l => l.Patients).Select(p => ((Guid?)p, (Guid?)null)));
                await using var text = new StringWriter(CultureInfo.InvariantCulture);
                using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
                {
                    csv.WriteHeader(["letterNo", "addresseeKind", "addresseeName", "npi", "street", "supplement", "city", "state", "postalCode",
                        "template", "patients", "tumors"]);
                    foreach (var (row, _) in letters)
                        csv.WriteRecord([row.LetterNo.ToString(CultureInfo.InvariantCulture), row.AddresseeKind, row.AddresseeName, row.Npi, row.Street,
                            row.Supplement, row.City, row.State, row.PostalCode, row.Template, row.Patients, row.Tumors]);
                    csv.Flush();
                }
                return Results.Text(text.ToString(), "text/csv; charset=utf-8");
            })
            .WithName("GetFollowUpLetterBatchCsv").WithSummary("The batch as a mail-merge CSV: one row per letter (addressee, address, patients, tumors in words).")
            .Produces<string>(contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string? T(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static async Task<List<T>> LettersAsync<T>(NpgsqlDataSource db, Guid id, string columns, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {columns} from follow_up_letters where batch_id = $1 order by letter_no");
        cmd.Parameters.AddWithValue(id);
        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(read(r));
        return list;
    }
}
