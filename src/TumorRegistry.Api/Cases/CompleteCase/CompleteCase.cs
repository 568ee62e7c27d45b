using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;

namespace TumorRegistry.Api.Cases.CompleteCase;

/// <summary>Closes the abstract when no error edit fails without an override (else 422 listing them).</summary>
public sealed record CompleteCase : RegistryCommand;

public sealed class CompleteCaseHandler(CaseWriter writer, EditEngine edits) : IRequestHandler<CompleteCase, CommandResult>
{
    public Task<CommandResult> Handle(CompleteCase request, CancellationToken cancellationToken) =>
        writer.OnCaseAsync(request, (tumor, patient) => tumor.Complete(edits.RunEdits(patient, tumor, writer.Today), writer.Today),
            cancellationToken);
}

public static class CompleteCaseEndpoint
{
    public static void MapCompleteCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases/{caseId:guid}/complete", (Guid caseId, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new CompleteCase(), $"/cases/{caseId}"))
            .WithName("CompleteCase").WithSummary("Complete the case: runs the edits; refused (422) while error edits fail.")
            .WriteResponses().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
