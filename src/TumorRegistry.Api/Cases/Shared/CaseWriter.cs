using TumorRegistry.Api.Pipeline;
using TumorRegistry.Domain;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Cases.Shared;

/// <summary>
/// What every write handler does: load the stream, check it exists and is at the version the registrar read,
/// let the aggregate decide, and append the decision's events in the request's transaction.
/// </summary>
public sealed class CaseWriter(CaseRepository repository, UnitOfWork unitOfWork, TimeProvider clock)
{
    public CaseRepository Repository => repository;
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<CommandResult> OnCaseAsync(RegistryCommand command, Func<TumorCase, Patient, Decision> decide, CancellationToken ct)
    {
        var tumor = (await repository.LoadCaseAsync(command.StreamId, ct: ct)).State;
        if (!tumor.Exists) return new CommandResult.NotFound("case", command.StreamId);
        if (Stale(command, tumor.Version) is { } conflict) return conflict;
        var patient = (await repository.LoadPatientAsync(tumor.PatientId, ct: ct)).State;
        return await AppendAsync(command, StreamTypes.Tumor, tumor.Version, decide(tumor, patient), ct);
    }

    public async Task<CommandResult> OnPatientAsync(RegistryCommand command, Func<Patient, Decision> decide, CancellationToken ct)
    {
        var patient = (await repository.LoadPatientAsync(command.StreamId, ct: ct)).State;
        if (!patient.Exists) return new CommandResult.NotFound("patient", command.StreamId);
        if (Stale(command, patient.Version) is { } conflict) return conflict;
        return await AppendAsync(command, StreamTypes.Patient, patient.Version, decide(patient), ct);
    }

    /// <summary>Starts a new stream (a patient or a case) with the decision's events.</summary>
    public Task<CommandResult> CreateAsync(RegistryCommand command, string streamType, Decision decision, CancellationToken ct) =>
        AppendAsync(command, streamType, StreamAppend.NoStream, decision, ct);

    private static CommandResult.Conflict? Stale(RegistryCommand command, int current) =>
        command.ExpectedVersion is { } expected && expected != RegistryCommand.AnyVersion && expected != current
            ? new CommandResult.Conflict(command.StreamId, expected, current)
            : null;

    private async Task<CommandResult> AppendAsync(RegistryCommand command, string streamType, int expectedVersion, Decision decision, CancellationToken ct)
    {
        if (decision.BlockingEdits.Count > 0) return new CommandResult.BlockedByEdits(decision.BlockingEdits);
        if (!decision.Accepted) return new CommandResult.Refused(decision.Errors);
        var metadata = new EventMetadata(command.Registrar!, command.Reason, command.CorrelationId);
        var version = await repository.AppendAsync(command.StreamId, streamType, expectedVersion, decision.Events, metadata,
            unitOfWork.Session, ct);
        return new CommandResult.Accepted(command.StreamId, version, expectedVersion == StreamAppend.NoStream);
    }
}
