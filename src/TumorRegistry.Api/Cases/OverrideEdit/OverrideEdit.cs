using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.OverrideEdit;

public sealed record OverrideEditBody(string? EditId, string? Reason);

/// <summary>A registrar confirms the data behind a failing edit are right; who and why go to the history.</summary>
public sealed record OverrideEdit(string EditId) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(EditId)) yield return new FieldError("editId", "Name the edit to override.");
        if (string.IsNullOrWhiteSpace(Reason)) yield return new FieldError("reason", "An override needs a reason.");
    }
}

public sealed class OverrideEditHandler(CaseWriter writer, EditEngine edits) : IRequestHandler<OverrideEdit, CommandResult>
{
    public Task<CommandResult> Handle(OverrideEdit request, CancellationToken cancellationToken) =>
        writer.OnCaseAsync(request, (tumor, _) => edits.Catalog.Find(request.EditId) is { } edit
            ? tumor.Override(edit, request.Reason!)
            : Decision.Refuse("editId", $"There is no edit '{request.EditId}'."), cancellationToken);
}

public static class OverrideEditEndpoint
{
    public static void MapOverrideEdit(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases/{caseId:guid}/overrides", (Guid caseId, OverrideEditBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new OverrideEdit(body.EditId ?? "") { Reason = body.Reason }, $"/cases/{caseId}"))
            .WithName("OverrideEdit").WithSummary("Override a failing edit that allows it, with a reason.").WriteResponses();
}
