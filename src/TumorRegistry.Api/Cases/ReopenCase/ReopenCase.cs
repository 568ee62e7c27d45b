using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.ReopenCase;

public sealed record ReopenCaseBody(string? Reason);

/// <summary>A completed case is opened again for changes; the reason is kept with the event.</summary>
public sealed record ReopenCase : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return new FieldError("reason", "Reopening a case needs a reason.");
    }
}

public sealed class ReopenCaseHandler(CaseWriter writer) : IRequestHandler<ReopenCase, CommandResult>
{
    public Task<CommandResult> Handle(ReopenCase request, CancellationToken cancellationToken) =>
        writer.OnCaseAsync(request, (tumor, _) => tumor.Reopen(request.Reason!), cancellationToken);
}

public static class ReopenCaseEndpoint
{
    public static void MapReopenCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases/{caseId:guid}/reopen", (Guid caseId, ReopenCaseBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new ReopenCase { Reason = body.Reason }, $"/cases/{caseId}"))
            .WithName("ReopenCase").WithSummary("Reopen a completed case, with a reason.").WriteResponses();
}
