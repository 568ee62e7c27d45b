using System.Globalization;
using System.Net;
using System.Text;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.IcdO3;

namespace TumorRegistry.Api.FollowUp;

/// <summary>
/// A printable HTML page of follow-up request letters: one per patient on the due list, to the physician following the
/// patient (the abstracted follow-up or managing physician, else a generic addressee), tumors in words. Names appear in the
/// letters only. The recorded, templated workflow is the letter batches (Letters/).
/// </summary>
public static class FollowUpLetters
{
    public static void MapFollowUpLetters(this IEndpointRouteBuilder app) =>
        app.MapGet("/letters", async (string? asOf, string? facility, FollowUpReader reader, TimeProvider clock, FollowUpRules rules, NaaccrStandards standards,
                HttpContext http, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var due = await DueList.ReadAsync(reader, at, FollowUpParameters.Blank(facility), rules, ct);
                Security.Audit.PhiAuditMiddleware.Listed(http, due.Select(d => ((Guid?)d.Row.PatientId, (Guid?)d.Row.CaseId)));
                return Results.Content(Page(at, due.Select(d => d.Row), standards.IcdO3), "text/html; charset=utf-8");
            })
            .WithName("GetFollowUpLetters")
            .WithSummary("Printable follow-up request letters (HTML), one per patient due for follow-up as of a date, by facility.")
            .Produces<string>(contentType: "text/html").ProducesValidationProblem();

    public static string Page(DateOnly asOf, IEnumerable<FollowUpRow> due, IcdO3Codes icdO3)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Follow-up requests</title>
            <style>body{font-family:serif;max-width:40em;margin:auto}.letter{break-after:page;margin:3em 0}</style></head><body>

            """);
        foreach (var patient in due.GroupBy(r => r.PatientId))
            Letter(html, asOf, patient.ToList(), icdO3);
        return html.Append("</body></html>\n").ToString();
    }

    private static void Letter(StringBuilder html, DateOnly asOf, List<FollowUpRow> cases, IcdO3Codes icdO3)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var first = cases[0];
        var name = string.Join(", ", new[] { first.NameLast, first.NameFirst }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var physician = cases.Select(c => c.Physician).FirstOrDefault(p => p is not null);
        var to = physician is null ? "To the physician following this patient" : Letters.Words.Addressee(physician);
        var tumors = string.Join("; ", cases.Select(c => Letters.Words.Tumor(icdO3, c.Case.PrimarySite, c.Case.Histology, c.Case.Behavior, c.Case.DateOfDiagnosis)));
        html.Append($"""
            <section class="letter">
            <p>{asOf.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}</p>
            <p>{E(to)}<br>Facility {E(first.ReportingFacility)}</p>
            <p>Re: {E(name)}, patient id number {E(first.PatientIdNumber)}</p>
            <p>Dear Doctor,</p>
            <p>The cancer registry follows every patient diagnosed or treated for cancer at our facility once a year, as the
            Commission on Cancer requires. Our last contact with this patient was {E(Contact(first.Case.DateOfLastContact))}.
            Please tell us the date you last saw the patient, whether the patient is alive, the status of the cancer
            ({E(tumors)}) and any new treatment.</p>
            <p>Please return this letter to the cancer registry. Thank you.</p>
            </section>

            """);
    }

    /// <summary>The date of last contact as a reader writes it: April 19, 2024; April 2024; 2024.</summary>
    private static string Contact(string? naaccrDate)
    {
        if (!NaaccrDate.TryParse(naaccrDate, out var d)) return "not recorded";
        var format = d.Day is not null ? "MMMM d, yyyy" : d.Month is not null ? "MMMM yyyy" : "yyyy";
        return d.Earliest.ToString(format, CultureInfo.InvariantCulture);
    }
}
