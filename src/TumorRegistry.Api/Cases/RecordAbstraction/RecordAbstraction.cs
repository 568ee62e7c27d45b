using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Api.Cases.RecordAbstraction;

/// <summary>One abstraction step on an open case: address at diagnosis, diagnosis, stage, treatment or follow-up.</summary>
public sealed record RecordAbstraction(ItemsEvent Event) : RegistryCommand;

public sealed class RecordAbstractionHandler(CaseWriter writer) : IRequestHandler<RecordAbstraction, CommandResult>
{
    public Task<CommandResult> Handle(RecordAbstraction request, CancellationToken cancellationToken) =>
        writer.OnCaseAsync(request, (tumor, _) => request.Event switch
        {
            AddressAtDiagnosisRecorded e => tumor.RecordAddressAtDiagnosis(e),
            DiagnosisRecorded e => tumor.RecordDiagnosis(e),
            StageRecorded e => tumor.RecordStage(e),
            TreatmentRecorded e => tumor.RecordTreatment(e),
            TumorFollowUpRecorded e => tumor.RecordFollowUp(e),
            FollowUpContactsRecorded e => tumor.RecordFollowUpContacts(e),
            _ => Decision.Refuse("event", $"{request.Event.GetType().Name} is not an abstraction step."),
        }, cancellationToken);
}

public static class RecordAbstractionEndpoints
{
    public static void MapRecordAbstraction(this IEndpointRouteBuilder app)
    {
        Map<AddressAtDiagnosisRecorded>(app, "address-at-diagnosis", "RecordAddressAtDiagnosis", "Record the address at diagnosis (state, county, postal code, census tract).");
        Map<DiagnosisRecorded>(app, "diagnosis", "RecordDiagnosis", "Record site, histology, behavior, grade, confirmation, date of diagnosis, sequence, class of case.");
        Map<StageRecorded>(app, "stage", "RecordStage", "Record Summary Stage 2018, EOD and AJCC TNM.");
        Map<TreatmentRecorded>(app, "treatment", "RecordTreatment", "Record the first course of treatment.");
        Map<TumorFollowUpRecorded>(app, "follow-up", "RecordTumorFollowUp", "Record cancer status and follow-up source.");
        Map<FollowUpContactsRecorded>(app, "follow-up-contacts", "RecordFollowUpContacts",
            "Record the managing and follow-up physicians (codes and NPIs) and the follow-up contact with address; open or completed cases.");
    }

    private static void Map<TEvent>(IEndpointRouteBuilder app, string step, string name, string summary) where TEvent : ItemsEvent =>
        app.MapPost($"/cases/{{caseId:guid}}/{step}", (Guid caseId, TEvent body, IMediator m, HttpContext http) =>
                m.SendAsync(http, caseId, new RecordAbstraction(body), $"/cases/{caseId}"))
            .WithName(name).WithSummary(summary).WriteResponses();
}
