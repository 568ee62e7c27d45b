using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Pipeline;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Api.FollowUp.Answers;

/// <summary>Cancer status of one tumor in a follow-up answer: Cancer Status [1770], and a first recurrence when reported.</summary>
public sealed record TumorAnswer(Guid CaseId, string? CancerStatus, string? RecurrenceDate1st = null, string? RecurrenceType1st = null);

/// <summary>
/// A follow-up answer: contact date (the date of the information), vital status, who answered (Follow-Up Source
/// [1790]), the request answered, a cause of death, and the cancer status of each tumor.
/// </summary>
public sealed record FollowUpAnswerBody(string? ContactDate, string? VitalStatus, string? Source, Guid? RequestId = null,
    string? CauseOfDeath = null, string? IcdRevisionNumber = null, IReadOnlyList<TumorAnswer>? Tumors = null);

public sealed record RecordFollowUpAnswer(FollowUpAnswerBody Body) : RegistryCommand;

/// <summary>
/// Appends the answer to the patient (FollowUpAnswered, and FollowUpRestored or DeathRecorded as it implies) and a
/// TumorFollowUpRecorded to each tumor named, in one transaction: any refusal stores nothing.
/// </summary>
public sealed class RecordFollowUpAnswerHandler(CaseWriter writer, UnitOfWork unitOfWork) : IRequestHandler<RecordFollowUpAnswer, CommandResult>
{
    public async Task<CommandResult> Handle(RecordFollowUpAnswer request, CancellationToken ct)
    {
        var repository = writer.Repository;
        var loaded = await repository.LoadPatientAsync(request.StreamId, ct: ct);
        var patient = loaded.State;
        if (!patient.Exists) return new CommandResult.NotFound("patient", request.StreamId);
        if (request.ExpectedVersion is { } expected && expected != RegistryCommand.AnyVersion && expected != patient.Version)
            return new CommandResult.Conflict(request.StreamId, expected, patient.Version);
        var b = request.Body;
        var history = FollowUpHistory.From(loaded.Events.Select(e => (DomainEvent)e.Data));
        var decision = history.Answer(new FollowUpAnswer(b.ContactDate ?? "", b.VitalStatus ?? "", b.Source ?? "", b.RequestId, b.CauseOfDeath,
            b.IcdRevisionNumber), writer.Today, patient.Items.GetValueOrDefault("dateOfLastContact"));
        if (!decision.Accepted) return new CommandResult.Refused(decision.Errors);
        var errors = decision.Events.SelectMany(e => ItemValidator.Default.Validate(e, NaaccrParent.Patient)).ToList();
        if (errors.Count > 0) return new CommandResult.Refused(errors);

        var tumorAppends = new List<(Guid Id, int Version, IReadOnlyList<DomainEvent> Events)>();
        foreach (var (t, i) in (b.Tumors ?? []).Select((t, i) => (t, i)))
        {
            var tumor = (await repository.LoadCaseAsync(t.CaseId, ct: ct)).State;
            if (!tumor.Exists || tumor.PatientId != patient.Id)
                return new CommandResult.Refused([new FieldError($"tumors[{i}].caseId", "This patient has no such case.")]);
            var other = new Dictionary<string, string>();
            if (t.RecurrenceDate1st is { Length: > 0 } rd) other["recurrenceDate1st"] = rd;
            if (t.RecurrenceType1st is { Length: > 0 } rt) other["recurrenceType1st"] = rt;
            var tumorDecision = tumor.RecordFollowUpAnswer(new TumorFollowUpRecorded
            {
                CancerStatus = t.CancerStatus, DateOfLastCancerStatus = b.ContactDate, FollowUpSource = b.Source,
                OtherItems = other.Count > 0 ? other : null,
            });
            if (!tumorDecision.Accepted)
                return new CommandResult.Refused(tumorDecision.Errors.Select(e => e with { NaaccrId = $"tumors[{i}].{e.NaaccrId}" }).ToList());
            tumorAppends.Add((tumor.Id, tumor.Version, tumorDecision.Events));
        }

        var metadata = new Infrastructure.Events.EventMetadata(request.Registrar!, request.Reason, request.CorrelationId);
        var version = await repository.AppendAsync(patient.Id, StreamTypes.Patient, patient.Version, decision.Events, metadata, unitOfWork.Session, ct);
        foreach (var (id, v, events) in tumorAppends)
            await repository.AppendAsync(id, StreamTypes.Tumor, v, events, metadata, unitOfWork.Session, ct);
        return new CommandResult.Accepted(patient.Id, version, false);
    }
}

public static class RecordFollowUpAnswerEndpoint
{
    public static void MapRecordFollowUpAnswer(this IEndpointRouteBuilder app) =>
        app.MapPost("/patients/{patientId:guid}/follow-up-answers", (Guid patientId, FollowUpAnswerBody body, IMediator m, HttpContext http) =>
                m.SendAsync(http, patientId, new RecordFollowUpAnswer(body), $"/follow-up/patients/{patientId}"))
            .WithName("RecordFollowUpAnswer")
            .WithSummary("Record a follow-up answer: contact date (the date of the information), vital status, source, cancer status per tumor; closes the open request.")
            .WriteResponses();
}
