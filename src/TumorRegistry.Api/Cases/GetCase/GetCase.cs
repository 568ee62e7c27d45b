using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Cases;

namespace TumorRegistry.Api.Cases.GetCase;

/// <summary>A case as it is now, or as it was recorded at <c>AsOf</c>: every patient and tumor item.</summary>
public sealed record CaseView(Guid CaseId, Guid PatientId, string Status, int Version, int PatientVersion, DateTimeOffset? AsOf,
    Guid? DuplicateOf, IReadOnlyDictionary<string, string> Overrides, IReadOnlyDictionary<string, string> Items,
    IReadOnlyDictionary<string, string> PatientItems, IReadOnlyDictionary<string, string> TumorItems);

public sealed record PatientView(Guid PatientId, int Version, DateTimeOffset? AsOf, IReadOnlyDictionary<string, string> Items);

public sealed record GetCase(Guid CaseId, DateTimeOffset? AsOf) : IRequest<CaseView?>;
public sealed record GetPatient(Guid PatientId, DateTimeOffset? AsOf) : IRequest<PatientView?>;

public sealed class GetCaseHandler(CaseRepository repository, EditEngine edits, TimeProvider clock)
    : IRequestHandler<GetCase, CaseView?>, IRequestHandler<GetPatient, PatientView?>
{
    public async Task<CaseView?> Handle(GetCase request, CancellationToken cancellationToken)
    {
        TumorCase tumor;
        Domain.Patients.Patient patient;
        if (request.AsOf is null)
        {
            var (c, p) = await repository.LoadCaseWithPatientAsync(request.CaseId, cancellationToken);
            (tumor, patient) = (c.State, p.State);
            if (!tumor.Exists) return null;
        }
        else
        {
            tumor = (await repository.LoadCaseAsync(request.CaseId, request.AsOf, cancellationToken)).State;
            if (!tumor.Exists) return null;
            patient = (await repository.LoadPatientAsync(tumor.PatientId, request.AsOf, cancellationToken)).State;
        }
        var today = DateOnly.FromDateTime((request.AsOf ?? clock.GetUtcNow()).UtcDateTime);
        var status = tumor.StatusWith(patient.Items, edits.RunEdits(patient, tumor, today));
        return new CaseView(tumor.Id, tumor.PatientId, CaseSummaryProjection.StatusText(status), tumor.Version, patient.Version,
            request.AsOf, tumor.DuplicateOf, tumor.Overrides, CaseItems.Of(patient, tumor), patient.Items, tumor.Items);
    }

    public async Task<PatientView?> Handle(GetPatient request, CancellationToken cancellationToken)
    {
        var patient = (await repository.LoadPatientAsync(request.PatientId, request.AsOf, cancellationToken)).State;
        return patient.Exists ? new PatientView(patient.Id, patient.Version, request.AsOf, patient.Items) : null;
    }
}

public static class GetCaseEndpoints
{
    public static void MapGetCase(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cases/{caseId:guid}", async (Guid caseId, string? asOf, IMediator m, HttpContext http) =>
            {
                if (!AsOf.TryParse(asOf, out var at)) return AsOf.Invalid(asOf);
                var view = await m.Send(new GetCase(caseId, at), http.RequestAborted);
                if (view is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No case {caseId}.");
                http.Response.Headers.ETag = WriteHeaders.ETag(view.Version);
                return Results.Ok(view);
            })
            .WithName("GetCase").WithSummary("Read a case (all patient and tumor items, status, version); ?asOf= reads it as it was then.")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        app.MapGet("/patients/{patientId:guid}", async (Guid patientId, string? asOf, IMediator m, HttpContext http) =>
            {
                if (!AsOf.TryParse(asOf, out var at)) return AsOf.Invalid(asOf);
                var view = await m.Send(new GetPatient(patientId, at), http.RequestAborted);
                if (view is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No patient {patientId}.");
                http.Response.Headers.ETag = WriteHeaders.ETag(view.Version);
                return Results.Ok(view);
            })
            .WithName("GetPatient").WithSummary("Read a patient's items; ?asOf= reads them as they were then.")
            .Produces<PatientView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>?asOf= takes an ISO timestamp, or a date meaning the end of that day (UTC).</summary>
public static class AsOf
{
    public static bool TryParse(string? text, out DateTimeOffset? asOf)
    {
        asOf = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", culture, System.Globalization.DateTimeStyles.None, out var day))
        {
            asOf = new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            return true;
        }
        if (DateTimeOffset.TryParse(text, culture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            asOf = at;
            return true;
        }
        return false;
    }

    public static IResult Invalid(string? text) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["asOf"] = [$"{TumorRegistry.Standards.ErrorText.Quote(text, capital: true)} is not a date (yyyy-MM-dd) or an ISO timestamp."] });
}
