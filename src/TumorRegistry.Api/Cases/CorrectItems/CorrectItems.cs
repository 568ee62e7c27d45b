using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.CorrectItems;

/// <summary>New values by naaccrId (null or "" blanks the item) and why they changed.</summary>
public sealed record CorrectionBody(Dictionary<string, string?> Items, string? Reason);

/// <summary>Corrects items of a case (Tumor items) or a patient (Patient items); old values come from the stream.</summary>
public sealed record CorrectItems(IReadOnlyDictionary<string, string?> Items, bool OnPatient) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return new FieldError("reason", "A correction needs a reason.");
        if (Items.Count == 0) yield return new FieldError("items", "Name at least one item to correct.");
    }
}

public sealed class CorrectItemsHandler(CaseWriter writer) : IRequestHandler<CorrectItems, CommandResult>
{
    public Task<CommandResult> Handle(CorrectItems request, CancellationToken cancellationToken) => request.OnPatient
        ? writer.OnPatientAsync(request, patient => patient.Correct(request.Items, request.Reason!), cancellationToken)
        : writer.OnCaseAsync(request, (tumor, _) => tumor.Correct(request.Items, request.Reason!), cancellationToken);
}

public static class CorrectItemsEndpoints
{
    public static void MapCorrectItems(this IEndpointRouteBuilder app)
    {
        app.MapPost("/cases/{caseId:guid}/corrections", (Guid caseId, CorrectionBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new CorrectItems(body.Items ?? [], OnPatient: false) { Reason = body.Reason }, $"/cases/{caseId}"))
            .WithName("CorrectCaseItems").WithSummary("Correct Tumor items of a case (open or completed), with a reason.").WriteResponses();
        app.MapPost("/patients/{patientId:guid}/corrections", (Guid patientId, CorrectionBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new CorrectItems(body.Items ?? [], OnPatient: true) { Reason = body.Reason }, $"/patients/{patientId}"))
            .WithName("CorrectPatientItems").WithSummary("Correct Patient items, with a reason.").WriteResponses();
    }
}
