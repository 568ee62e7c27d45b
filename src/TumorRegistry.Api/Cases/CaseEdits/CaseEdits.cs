using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Cases;

namespace TumorRegistry.Api.Cases.CaseEdits;

/// <summary>The edits run on one case now: what fails (overridden ones flagged) and whether completion is blocked.</summary>
public sealed record CaseEditsView(Guid CaseId, int Version, int EditsRun, int Errors, int Warnings, bool BlocksCompletion,
    IReadOnlyList<EditFailure> Failing);

public sealed record GetCaseEdits(Guid CaseId) : IRequest<CaseEditsView?>;

public sealed class GetCaseEditsHandler(CaseRepository repository, EditEngine edits, TimeProvider clock) : IRequestHandler<GetCaseEdits, CaseEditsView?>
{
    public async Task<CaseEditsView?> Handle(GetCaseEdits request, CancellationToken cancellationToken)
    {
        var tumor = (await repository.LoadCaseAsync(request.CaseId, ct: cancellationToken)).State;
        if (!tumor.Exists) return null;
        var patient = (await repository.LoadPatientAsync(tumor.PatientId, ct: cancellationToken)).State;
        var report = edits.RunEdits(patient, tumor, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var failing = report.Results.Where(r => r.Failed).Select(EditFailure.Of).ToList();
        return new CaseEditsView(tumor.Id, tumor.Version, report.Results.Count, report.BlockingErrors.Count(), report.Warnings.Count(),
            report.HasBlockingErrors, failing);
    }
}

public static class CaseEditsEndpoint
{
    public static void MapCaseEdits(this IEndpointRouteBuilder app) =>
        app.MapGet("/cases/{caseId:guid}/edits", async (Guid caseId, IMediator m, CancellationToken ct) =>
                await m.Send(new GetCaseEdits(caseId), ct) is { } view
                    ? Results.Ok(view)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No case {caseId}."))
            .WithName("GetCaseEdits").WithSummary("Run the edits on a case.")
            .Produces<CaseEditsView>().ProducesProblem(StatusCodes.Status404NotFound);
}
