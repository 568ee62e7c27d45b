using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Api.Cases.RecordPatientItems;

/// <summary>Demographics, follow-up or a death recorded on the patient.</summary>
public sealed record RecordPatientItems(ItemsEvent Event) : RegistryCommand;

public sealed class RecordPatientItemsHandler(CaseWriter writer) : IRequestHandler<RecordPatientItems, CommandResult>
{
    public Task<CommandResult> Handle(RecordPatientItems request, CancellationToken cancellationToken) =>
        writer.OnPatientAsync(request, patient => request.Event switch
        {
            DemographicsRecorded e => patient.RecordDemographics(e),
            FollowUpRecorded e => patient.RecordFollowUp(e),
            DeathRecorded e => patient.RecordDeath(e),
            _ => Decision.Refuse("event", $"{request.Event.GetType().Name} is not recorded on a patient."),
        }, cancellationToken);
}

public static class RecordPatientItemsEndpoints
{
    public static void MapRecordPatientItems(this IEndpointRouteBuilder app)
    {
        app.MapPost("/patients/{patientId:guid}/demographics", (Guid patientId, DemographicsRecorded body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new RecordPatientItems(body), $"/patients/{patientId}"))
            .WithName("RecordDemographics").WithSummary("Record names, date of birth, sex, race, ethnicity.").WriteResponses();
        app.MapPost("/patients/{patientId:guid}/follow-up", (Guid patientId, FollowUpRecorded body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new RecordPatientItems(body), $"/patients/{patientId}"))
            .WithName("RecordPatientFollowUp").WithSummary("Record date of last contact and vital status.").WriteResponses();
        app.MapPost("/patients/{patientId:guid}/death", (Guid patientId, DeathRecorded body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new RecordPatientItems(body), $"/patients/{patientId}"))
            .WithName("RecordDeath").WithSummary("Record the death: date, cause, ICD revision.").WriteResponses();
    }
}
