using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.MarkDuplicate;

public sealed record MarkDuplicateBody(Guid DuplicateOfCaseId, string? Reason);

/// <summary>This case is the same primary as another case: it stops counting.</summary>
public sealed record MarkDuplicate(Guid DuplicateOfCaseId) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (DuplicateOfCaseId == Guid.Empty) yield return new FieldError("duplicateOfCaseId", "Name the case this one duplicates.");
        if (string.IsNullOrWhiteSpace(Reason)) yield return new FieldError("reason", "Marking a duplicate needs a reason.");
    }
}

public sealed class MarkDuplicateHandler(CaseWriter writer) : IRequestHandler<MarkDuplicate, CommandResult>
{
    public async Task<CommandResult> Handle(MarkDuplicate request, CancellationToken cancellationToken)
    {
        var original = await writer.Repository.LoadCaseAsync(request.DuplicateOfCaseId, ct: cancellationToken);
        if (!original.State.Exists) return new CommandResult.NotFound("case", request.DuplicateOfCaseId);
        return await writer.OnCaseAsync(request, (tumor, _) => tumor.MarkDuplicate(request.DuplicateOfCaseId, request.Reason!), cancellationToken);
    }
}

public static class MarkDuplicateEndpoint
{
    public static void MapMarkDuplicate(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases/{caseId:guid}/duplicate", (Guid caseId, MarkDuplicateBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new MarkDuplicate(body.DuplicateOfCaseId) { Reason = body.Reason }, $"/cases/{caseId}"))
            .WithName("MarkDuplicate").WithSummary("Mark the case as a duplicate of another case, with a reason.").WriteResponses();
}
