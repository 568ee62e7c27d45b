using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.ImportItems;

/// <summary>Items by naaccrId from an abstract (e.g. a NAACCR XML record) and where they came from.</summary>
public sealed record ImportBody(Dictionary<string, string> Items, string? Source);

/// <summary>
/// Loads items as a whole. Values are left for the edits to judge (legacy data is never lost); items unknown to
/// the dictionary are kept by naaccrId and read back unchanged. Only the placement of known items is checked.
/// </summary>
public sealed record ImportItems(IReadOnlyDictionary<string, string> Items, string Source, bool OnPatient) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (Items.Count == 0) yield return new FieldError("items", "There is nothing to import.");
        if (string.IsNullOrWhiteSpace(Source)) yield return new FieldError("source", "Say where the items come from.");
    }
}

public sealed class ImportItemsHandler(CaseWriter writer) : IRequestHandler<ImportItems, CommandResult>
{
    public Task<CommandResult> Handle(ImportItems request, CancellationToken cancellationToken) => request.OnPatient
        ? writer.OnPatientAsync(request, patient => patient.Import(request.Items, request.Source), cancellationToken)
        : writer.OnCaseAsync(request, (tumor, _) => tumor.Import(request.Items, request.Source), cancellationToken);
}

public static class ImportItemsEndpoints
{
    public static void MapImportItems(this IEndpointRouteBuilder app)
    {
        app.MapPost("/cases/{caseId:guid}/import", (Guid caseId, ImportBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new ImportItems(body.Items ?? [], body.Source ?? "", OnPatient: false), $"/cases/{caseId}"))
            .WithName("ImportCaseItems").WithSummary("Import Tumor items (unknown items kept by naaccrId).").WriteResponses();
        app.MapPost("/patients/{patientId:guid}/import", (Guid patientId, ImportBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new ImportItems(body.Items ?? [], body.Source ?? "", OnPatient: true), $"/patients/{patientId}"))
            .WithName("ImportPatientItems").WithSummary("Import Patient items (unknown items kept by naaccrId).").WriteResponses();
    }
}
