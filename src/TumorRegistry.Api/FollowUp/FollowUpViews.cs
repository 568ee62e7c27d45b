using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Api.Security;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.FollowUp;

public sealed record NotFollowed(string Code, string Description);
public sealed record CaseFollowUpStatus(Guid CaseId, string? ReportingFacility, bool Followed, IReadOnlyList<NotFollowed> Reasons);
public sealed record FollowUpRequestView(Guid RequestId, Guid PatientId, string? PatientIdNumber, DateOnly DueOn, DateOnly RequestedOn,
    string AddresseeKind, string? AddresseeName, string? AddresseeNpi, string LetterTemplate, int Escalations, DateOnly AskedOn,
    int LettersSent, DateOnly? LastSentOn, DateOnly? AnsweredOn, int AgeDays);
public sealed record PatientFollowUpStatus(Guid PatientId, DateOnly AsOf, bool Followed, bool Due, DateOnly? DueOn, DateOnly? LostOn,
    IReadOnlyList<CaseFollowUpStatus> Cases, IReadOnlyList<FollowUpRequestView> Requests);
public sealed record LostPatient(Guid PatientId, string? PatientIdNumber, DateOnly LostOn, string? DateOfLastContact);
public sealed record DueGroup(string Key, int Patients);
public sealed record DueSummary(DateOnly From, DateOnly To, string By, IReadOnlyList<DueGroup> Groups);
public sealed record RateCase(Guid CaseId, Guid PatientId, string? PatientIdNumber, string? ReportingFacility, string? DateOfDiagnosis,
    string? DateOfLastContact, string? VitalStatus, bool Followed);
public sealed record RateCases(DateOnly AsOf, int ReferenceYear, string Rate, int Cases, int Followed, IReadOnlyList<RateCase> List);

/// <summary>
/// The manager's follow-up views beyond the due list: a patient's follow-up (why not followed, requests, lost), open
/// requests and their age, lost patients, the due list by month, facility or physician, the cases behind each rate,
/// and the trend of the monthly snapshots.
/// </summary>
public static class FollowUpViews
{
    public static void MapFollowUpViews(this IEndpointRouteBuilder app)
    {
        app.MapGet("/patients/{patientId:guid}", async (Guid patientId, string? asOf, FollowUpReader reader, FollowUpRules rules,
                RecordScope scope, NpgsqlDataSource db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var rows = await reader.PatientCasesAsync(patientId, ct);
                var held = http.User.HoldsAllFacilities() || http.User.HoldsAny((await scope.FacilitiesOfAsync(patientId, ct)).Facilities);
                if (rows.Count == 0 || !held)
                {
                    if (!held) http.Items[PhiAuditMiddleware.DeniedItem] = "record not in facilities";
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No patient {patientId} with cases.");
                }
                var cases = rows.Select(r =>
                {
                    var why = r.Case.NotFollowed(at, rules);
                    return new CaseFollowUpStatus(r.CaseId, r.ReportingFacility, why.Count == 0,
                        why.Select(w => new NotFollowed(w.Code(), w.Describe())).ToList());
                }).ToList();
                var requests = await RequestsAsync(db, "r.patient_id = $2", at, null, ct, patientId);
                DateOnly? lostOn = null;
                await using (var cmd = db.CreateCommand("select lost_on from follow_up_lost where patient_id = $1"))
                {
                    cmd.Parameters.AddWithValue(patientId);
                    if (await cmd.ExecuteScalarAsync(ct) is DateOnly d) lostOn = d;
                }
                var followed = cases.Any(c => c.Followed);
                return Results.Ok(new PatientFollowUpStatus(patientId, at, followed, rows.Any(r => r.Case.IsDueAsOf(at, rules)),
                    followed ? rows[0].Case.DueOn ?? at : null, lostOn, cases, requests));
            })
            .WithName("GetPatientFollowUp")
            .WithSummary("A patient's follow-up as of a date: followed or not, and why not for each case (CoC exclusions), the requests, lost since when.")
            .Produces<PatientFollowUpStatus>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/requests", async (string? status, string? facility, NpgsqlDataSource db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var today = p.AsOf(null);
                if (status is not (null or "open" or "all")) p.Errors["status"] = ["status is open (the default) or all."];
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var where = (status ?? "open") == "open" ? "r.answered_on is null" : "true";
                var list = await RequestsAsync(db, where, today, FollowUpParameters.Blank(facility), ct);
                PhiAuditMiddleware.Listed(http, list.Select(r => ((Guid?)r.PatientId, (Guid?)null)));
                return Results.Ok(list);
            })
            .WithName("GetFollowUpRequests")
            .WithSummary("Follow-up requests (open by default, or all) with their current addressee, letters and age in days, oldest first; by facility.")
            .Produces<List<FollowUpRequestView>>().ProducesValidationProblem();

        app.MapGet("/lost", async (string? facility, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
            {
                await using var cmd = db.CreateCommand("""
                    select l.patient_id, p.patient_id_number, l.lost_on, l.date_of_last_contact
                    from follow_up_lost l join patients p on p.patient_id = l.patient_id
                    where $1::text is null or exists (select 1 from case_summary c where c.patient_id = l.patient_id and c.reporting_facility = $1)
                    order by l.lost_on, p.patient_id_number
                    """);
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)FollowUpParameters.Blank(facility) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                var list = new List<LostPatient>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    list.Add(new LostPatient(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetString(3)));
                PhiAuditMiddleware.Listed(http, list.Select(l => ((Guid?)l.PatientId, (Guid?)null)));
                return Results.Ok(list);
            })
            .WithName("GetFollowUpLost")
            .WithSummary("Patients lost to follow-up (no contact for more than 15 months, marked by the nightly job), since when; by facility.")
            .Produces<List<LostPatient>>();

        app.MapGet("/due/summary", async (string? from, string? to, string? by, string? facility, FollowUpReader reader, FollowUpRules rules,
                TimeProvider clock, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var today = p.AsOf(null);
                var (start, end) = (p.OptionalDate("from", from) ?? new DateOnly(today.Year, today.Month, 1), p.OptionalDate("to", to));
                var stop = end ?? start.AddYears(1).AddDays(-1);
                if (by is not (null or "month" or "facility" or "physician")) p.Errors["by"] = ["by is month (the default), facility or physician."];
                if (stop < start) p.Errors["to"] = ["to is on or after from."];
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var rows = (await reader.AnalyticCasesAsync(FollowUpParameters.Blank(facility), ct))
                    .Where(r => r.Case.NeedsFollowUp && !r.Case.IsExcluded(today, rules)).ToList();
                // One patient counts once per group: the due date is the patient's, the facility and physician those of any followed case.
                var groups = rows.Where(r => (r.Case.DueOn ?? today) is var due && due >= start && due <= stop)
                    .Select(r => (r.PatientId, Key: (by ?? "month") switch
                    {
                        "facility" => r.ReportingFacility ?? "none",
                        "physician" => r.Physician is { } ph ? $"{ph.Name} {ph.Npi}".Trim() : "none",
                        _ => (r.Case.DueOn ?? today).ToString("yyyy-MM"),
                    }))
                    .Distinct().GroupBy(x => x.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new DueGroup(g.Key, g.Count())).ToList();
                return Results.Ok(new DueSummary(start, stop, by ?? "month", groups));
            })
            .WithName("GetFollowUpDueSummary")
            .WithSummary("Followed patients coming due between two dates (default: the next twelve months from this month), counted by due month, facility or physician.")
            .Produces<DueSummary>().ProducesValidationProblem();

        app.MapGet("/rates/cases", async (string? asOf, string? referenceYear, string? rate, string? facility, FollowUpReader reader,
                FollowUpRules rules, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                var year = p.ReferenceYear(referenceYear, at);
                if (rate is not (null or "sinceReferenceYear" or "lastFiveYears")) p.Errors["rate"] = ["rate is sinceReferenceYear (the default) or lastFiveYears."];
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var rows = (await reader.AnalyticCasesAsync(FollowUpParameters.Blank(facility), ct)).Where(r => http.User.Holds(r.ReportingFacility)).ToList();
                var (since, five) = FollowUpRates.Counted(rows, r => r.Case, at, year, rules);
                var chosen = rate == "lastFiveYears" ? five : since;
                var list = chosen.Select(r => new RateCase(r.CaseId, r.PatientId, r.PatientIdNumber, r.ReportingFacility, r.Case.DateOfDiagnosis,
                    r.Case.DateOfLastContact, r.Case.VitalStatus, r.Case.IsFollowedAsOf(at))).ToList();
                PhiAuditMiddleware.Listed(http, list.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
                return Results.Ok(new RateCases(at, year, rate ?? "sinceReferenceYear", list.Count, list.Count(c => c.Followed), list));
            })
            .WithName("GetFollowUpRateCases")
            .WithSummary("The cases behind a CoC follow-up rate (sinceReferenceYear or lastFiveYears) as of a date, each marked followed or not.")
            .Produces<RateCases>().ProducesValidationProblem();

        app.MapGet("/rates/trend", async (string? from, string? to, string? facility, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var (start, end) = (p.OptionalDate("from", from), p.OptionalDate("to", to));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                await using var cmd = db.CreateCommand("""
                    select as_of, since_reference_year_cases, since_reference_year_followed, since_reference_year_rate,
                        last_five_years_cases, last_five_years_followed, last_five_years_rate, reference_year
                    from follow_up_snapshots
                    where extract(day from as_of) = 1 and facility = coalesce($3, 'all')
                      and ($1::date is null or as_of >= $1) and ($2::date is null or as_of <= $2)
                    order by as_of
                    """);
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)start ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)end ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)FollowUpParameters.Blank(facility) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                var points = new List<RateTrendPoint>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    points.Add(new RateTrendPoint(r.GetFieldValue<DateOnly>(0), r.GetInt32(7),
                        new FollowUpRate(r.GetInt32(1), r.GetInt32(2), FollowUpRates.ReferenceYearStandard),
                        new FollowUpRate(r.GetInt32(4), r.GetInt32(5), FollowUpRates.FiveYearStandard)));
                return Results.Ok(points);
            })
            .WithName("GetFollowUpRateTrend")
            .WithSummary("The two CoC rates month by month: the snapshots taken on the first of each month, for all facilities or one.")
            .Produces<List<RateTrendPoint>>().ProducesValidationProblem();
    }

    private static async Task<List<FollowUpRequestView>> RequestsAsync(NpgsqlDataSource db, string where, DateOnly today, string? facility,
        CancellationToken ct, Guid? patientId = null)
    {
        await using var cmd = db.CreateCommand($"""
            select r.request_id, r.patient_id, p.patient_id_number, r.due_on, r.requested_on, r.addressee_kind, r.addressee_name, r.addressee_npi,
                r.letter_template, r.escalations, r.asked_on, r.letters_sent, r.last_sent_on, r.answered_on
            from follow_up_requests r join patients p on p.patient_id = r.patient_id
            where {where} and ($1::text is null or exists (select 1 from case_summary c where c.case_id = any(r.cases) and c.reporting_facility = $1))
            order by r.requested_on, p.patient_id_number, r.request_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (patientId is { } id) cmd.Parameters.AddWithValue(id);
        var list = new List<FollowUpRequestView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var requested = r.GetFieldValue<DateOnly>(4);
            DateOnly? answered = r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13);
            list.Add(new FollowUpRequestView(r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetFieldValue<DateOnly>(3), requested,
                r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetInt32(9),
                r.GetFieldValue<DateOnly>(10), r.GetInt32(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateOnly>(12), answered,
                (answered ?? today).DayNumber - requested.DayNumber));
        }
        return list;
    }
}

public sealed record RateTrendPoint(DateOnly AsOf, int ReferenceYear, FollowUpRate SinceReferenceYear, FollowUpRate LastFiveYears);
