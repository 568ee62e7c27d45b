using System.Security.Claims;
using MediatR;
using TumorRegistry.Api.Cases.OpenCase;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Consolidation;
using TumorRegistry.Casefinding;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Casefinding;
using TumorRegistry.Infrastructure.Linkage;
using TumorRegistry.Infrastructure.Primaries;
using TumorRegistry.Linkage;

namespace TumorRegistry.Api.Central.AcceptReport;

/// <summary>
/// What the registrar decides when the automatic steps could not (after a linkage or multiple-primary review): the
/// patient (an existing one, or a new person) and the tumor (an existing case of that patient, or a new primary).
/// </summary>
public sealed record AcceptReportBody(Guid? PatientId, bool? NewPatient, Guid? SameAsCaseId, bool? NewPrimary);

public sealed record AcceptReportResult(Guid ReportId, string Status, Guid? PatientId, Guid? CaseId, string? Patient, string? Primary,
    string? Waiting, string? Reason, IReadOnlyList<LinkageCandidate>? Candidates, Guid? PrimaryReviewId, int ItemsChanged, int Conflicts);

/// <summary>
/// A report from the casefinding queue into the registry: patient linkage (Fellegi-Sunter: a link, a new patient, or
/// the report waits for a registrar), the multiple primary rules against the patient's tumors (same primary, new
/// primary, or the report waits), then consolidation of the report's tumor items into the case. Each step is its own
/// command; a rerun after an interruption finds the patient registered and links to them (docs/central-registry.md).
/// </summary>
public sealed class ReportIntake(ElectronicReportStore reports, PatientLinkage linkage, MultiplePrimaryRules rules, PrimaryReviewStore tumors,
    ConsolidationService consolidation, IMediator mediator)
{
    public async Task<(AcceptReportResult? Result, CommandResult? Refused)> AcceptAsync(ElectronicReport report, AcceptReportBody body, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var by = user.Identity!.Name!;
        var extracted = report.Extracted;
        // 1. The patient.
        Guid patientId;
        string patientHow;
        if (body.PatientId is { } chosen)
        {
            if (!await tumors.PatientExistsAsync(chosen, ct)) return (null, new CommandResult.NotFound("patient", chosen));
            (patientId, patientHow) = (chosen, "patient chosen by the registrar");
        }
        else
        {
            var outcome = body.NewPatient == true ? new LinkageOutcome.NonLink(0) : await linkage.LinkPatientAsync(extracted.PatientItems, ct);
            switch (outcome)
            {
                case LinkageOutcome.Link link:
                    (patientId, patientHow) = (link.PatientId, $"linked to a registry patient (weight {link.Weight:F1})");
                    break;
                case LinkageOutcome.Review review:
                    return (await HoldAsync(report, ReportHeld.Linkage, $"{review.Candidates.Count} possible patients between the thresholds", by, ct)
                        with { Candidates = review.Candidates }, null);
                default:
                    patientId = Guid.NewGuid();
                    var registered = await mediator.Send(new RegisterReportedPatient(RegisterReportedPatientHandler.PatientLevel(extracted.PatientItems),
                        Source(report)) { StreamId = patientId, Registrar = by, Reason = $"new patient from {Source(report)}", CorrelationId = report.Id }, ct);
                    if (registered is not CommandResult.Accepted) return (null, registered);
                    patientHow = body.NewPatient == true ? "new patient, as the registrar decided" : "new patient (no registry patient linked)";
                    break;
            }
        }

        // 2. The tumor.
        Guid caseId;
        string primaryHow;
        if (body.SameAsCaseId is { } same)
        {
            if (!(await tumors.TumorsOfAsync(patientId, ct)).Any(t => t.CaseId == same)) return (null, new CommandResult.NotFound("case of this patient", same));
            (caseId, primaryHow) = (same, "same primary, as the registrar decided");
        }
        else
        {
            PrimaryDecision? decision = null;
            if (body.NewPrimary != true)
            {
                var incoming = TumorFacts.FromItems(extracted.TumorItems.ToDictionary(i => i.Key, i => (string?)i.Value));
                if (incoming.Facts is null)
                    return (await HoldAsync(report, ReportHeld.MultiplePrimary,
                        "the report lacks items the rules need: " + string.Join(", ", incoming.Errors.Select(e => e.NaaccrId)), by, ct), null);
                var existing = new List<TumorFacts>();
                foreach (var (id, items) in await tumors.TumorsOfAsync(patientId, ct))
                    if (TumorFacts.FromItems(items, id.ToString()).Facts is { } f) existing.Add(f);
                    else return (await HoldAsync(report, ReportHeld.MultiplePrimary, $"case {id} lacks items the rules need", by, ct), null);
                decision = rules.Decide(existing, incoming.Facts);
                if (decision.Outcome == PrimaryOutcome.Questionable)
                {
                    var reviewId = await tumors.QuestionAsync(patientId, TumorFacts.Items.Where(extracted.TumorItems.ContainsKey)
                        .ToDictionary(k => k, k => extracted.TumorItems[k]), decision, by, ct);
                    return (await HoldAsync(report, ReportHeld.MultiplePrimary, $"{decision.RuleId}: {decision.Reason}", by, ct)
                        with { PatientId = patientId, Patient = patientHow, PrimaryReviewId = reviewId }, null);
                }
            }
            if (decision is { Outcome: PrimaryOutcome.SamePrimary, SameAsCaseId: { } sameAs })
                (caseId, primaryHow) = (Guid.Parse(sameAs), $"same primary ({decision.RuleId})");
            else
            {
                caseId = Guid.NewGuid();
                var opened = await mediator.Send(new OpenCase(new CaseOpened
                {
                    PatientId = patientId,
                    ReportingFacility = extracted.TumorItems.GetValueOrDefault("reportingFacility"),
                    // Casefinding Source: pathology department review for a pathology report, other hospital source for an EHR report.
                    CasefindingSource = report.Format == ExtractedReport.Hl7v2 ? "20" : "29",
                    // Type of Reporting Source: laboratory only for a pathology report, hospital for an EHR report.
                    TypeOfReportingSource = report.Format == ExtractedReport.Hl7v2 ? "3" : "1",
                }) { StreamId = caseId, Registrar = by, Reason = $"new primary from {Source(report)}", CorrelationId = report.Id }, ct);
                if (opened is not CommandResult.Accepted) return (null, opened);
                primaryHow = decision is null ? "new primary, as the registrar decided" : $"new primary ({decision.RuleId})";
            }
        }

        // 3. The report's tumor items into the case, item by item (docs/consolidation.md).
        var source = new SourceRecord(report.Id.ToString(), Source(report), extracted.TumorItems.GetValueOrDefault("reportingFacility"), report.ReceivedAt,
            extracted.TumorItems);
        var folded = await consolidation.ConsolidateAsync(caseId, source, by, ct);
        if (folded.Outcome is not CommandResult.Accepted) return (null, folded.Outcome);
        await reports.RecordAsync(report.Id, new ReportAccepted(patientId, caseId, patientHow, primaryHow), by, ct);
        return (new AcceptReportResult(report.Id, "accepted", patientId, caseId, patientHow, primaryHow, null, null, null, null,
            folded.Changes.Count, folded.Conflicts.Count), null);
    }

    private async Task<AcceptReportResult> HoldAsync(ElectronicReport report, string waiting, string reason, string by, CancellationToken ct)
    {
        // Accepting a held report again while nothing changed does not add a second, identical ReportHeld.
        var held = new ReportHeld(waiting, reason);
        if (report.Status != CasefindingQueueEntry.InProgress || report.Resolution != held.Resolution)
            await reports.RecordAsync(report.Id, held, by, ct);
        return new AcceptReportResult(report.Id, "held", null, null, null, null, waiting, reason, null, null, 0, 0);
    }

    private static string Source(ElectronicReport report) =>
        (report.Format == ExtractedReport.Hl7v2 ? "pathology report (HL7 v2)" : "EHR report (FHIR)") + $" {report.Id}";
}

/// <summary>POST /casefinding/{id}/accept: the report goes to a case (201 with the case), or waits for a review (202 saying which).</summary>
public static class AcceptReportEndpoint
{
    public static IServiceCollection AddReportIntake(this IServiceCollection services) => services.AddScoped<ReportIntake>();

    public static void MapAcceptReport(this IEndpointRouteBuilder app) =>
        app.MapPost("/casefinding/{id:guid}/accept", async (Guid id, AcceptReportBody? body, HttpContext http, ElectronicReportStore store,
                ReportIntake intake, CancellationToken ct) =>
            {
                body ??= new AcceptReportBody(null, null, null, null);
                var errors = new Dictionary<string, string[]>();
                if (body.PatientId is not null && body.NewPatient == true) errors["patientId"] = ["Choose a patient or a new patient, not both."];
                if (body.SameAsCaseId is not null && body.NewPrimary == true) errors["sameAsCaseId"] = ["Choose a case or a new primary, not both."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                if (await store.GetAsync(id, ct) is not { } report || !Casefinding.CasefindingQueueEndpoint.MaySee(http.User, report))
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report.");
                if (report.Status is CasefindingQueueEntry.Resolved or CasefindingQueueEntry.NotReportable)
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The report is not waiting for a case.",
                        detail: $"Its status is {report.Status}{(report.Resolution is { } r ? $" ({r})" : "")}.");
                var (result, refused) = await intake.AcceptAsync(report, body, http.User, ct);
                if (refused is not null) return CommandHttp.ToHttp(http, refused, $"/casefinding/{id}");
                http.Items[Security.Audit.PhiAuditMiddleware.PatientItem] = result!.PatientId;
                return result.Status == "accepted" ? Results.Created($"/cases/{result.CaseId}", result) : Results.Accepted($"/reports/{id}", result);
            })
            .WithTags("Casefinding").WithName("AcceptReport")
            .WithSummary("Take a report from the casefinding queue into the registry: patient linkage, multiple primary rules, consolidation into the case; or hold it for a review.")
            .Produces<AcceptReportResult>(StatusCodes.Status201Created).Produces<AcceptReportResult>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
