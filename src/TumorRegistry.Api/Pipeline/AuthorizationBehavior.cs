using System.Security.Claims;
using MediatR;
using TumorRegistry.Api.Cases.CaseEdits;
using TumorRegistry.Api.Cases.CaseHistory;
using TumorRegistry.Api.Cases.CorrectItems;
using TumorRegistry.Api.Cases.GetCase;
using TumorRegistry.Api.Cases.ImportItems;
using TumorRegistry.Api.Cases.MarkDuplicate;
using TumorRegistry.Api.Cases.OpenCase;
using TumorRegistry.Api.Cases.RecordPatientItems;
using TumorRegistry.Api.Cases.RegisterPatient;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Security;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// Roles and facility scoping of every request that names a patient or case, in one place. The endpoint policy has
/// already checked the role; here a principal sees only records of facilities they hold: any other answers 404
/// (nothing is read or written, and existence does not leak). Requests from outside HTTP (demo loader, jobs) are the
/// service's own and pass.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(IHttpContextAccessor accessor, RecordScope scope) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (accessor.HttpContext is not { } http) return await next();
        var user = http.User;
        if (request is RegistryCommand command)
        {
            if (!user.IsSignedIn() || command.Registrar is null) return Result(new CommandResult.Forbidden("Writes need a signed-in registrar."));
            if (!user.IsInRole(RegistryRoles.Registrar) && !FollowUpAnswer(command, user)) return Result(new CommandResult.Forbidden("Writes are for registrars."));
            if (command is OpenCase opening) http.Items[PhiAuditMiddleware.PatientItem] = opening.Event.PatientId;
            if (await RefusedAsync(command, user, cancellationToken) is { } refused)
            {
                http.Items[PhiAuditMiddleware.DeniedItem] = refused is CommandResult.NotFound ? "record not in facilities" : "facility not held";
                return Result(refused);
            }
            var response = await next();
            // A patient without a case yet belongs to the facilities of the registrar who registered it.
            if (command.RegistersPatient && response is CommandResult.Accepted a && !user.HoldsAllFacilities())
                await scope.AddPatientFacilitiesAsync(a.StreamId, user.Facilities(), cancellationToken);
            return response;
        }
        Guid? record = request switch
        {
            GetCase g => g.CaseId,
            GetPatient p => p.PatientId,
            GetCaseHistory h => h.CaseId,
            GetCaseEdits e => e.CaseId,
            Consolidation.GetCaseSources s => s.CaseId,
            _ => null,
        };
        if (record is { } id && !await VisibleAsync(id, user, cancellationToken))
        {
            http.Items[PhiAuditMiddleware.DeniedItem] = "record not in facilities";
            return default!; // the read answers "not found"
        }
        return await next();
    }

    // A manager running the annual follow-up records the answers to the letters (last contact, vital status) on the patient.
    private static bool FollowUpAnswer(RegistryCommand command, ClaimsPrincipal user) =>
        command is RecordPatientItems { Event: FollowUpRecorded } && user.IsInRole(RegistryRoles.Manager);

    private async Task<CommandResult?> RefusedAsync(RegistryCommand command, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.HoldsAllFacilities() || command.RegistersPatient) return null;
        switch (command)
        {
            case OpenCase open:
                if (!user.Holds(open.Event.ReportingFacility))
                    return new CommandResult.Forbidden("You may open cases of your facilities only.");
                return await VisibleAsync(open.Event.PatientId, user, ct) ? null : new CommandResult.NotFound("patient", open.Event.PatientId);
        }
        var (facilities, patientOfCase) = await scope.FacilitiesOfAsync(command.StreamId, ct);
        if (!user.HoldsAny(facilities)) return new CommandResult.NotFound(patientOfCase is null ? "patient" : "case", command.StreamId);
        // A correction or import may not move a case to a facility the registrar does not hold.
        var movedTo = command switch
        {
            CorrectItems c => c.Items.GetValueOrDefault("reportingFacility"),
            ImportItems i => i.Items.GetValueOrDefault("reportingFacility"),
            _ => null,
        };
        if (movedTo is not null && !user.Holds(movedTo)) return new CommandResult.Forbidden("You may not move a case to a facility you do not hold.");
        if (command is MarkDuplicate d && d.DuplicateOfCaseId != Guid.Empty && !await VisibleAsync(d.DuplicateOfCaseId, user, ct)) return new CommandResult.NotFound("case", d.DuplicateOfCaseId);
        return null;
    }

    private async Task<bool> VisibleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        user.HoldsAllFacilities() || user.HoldsAny((await scope.FacilitiesOfAsync(id, ct)).Facilities);

    private static TResponse Result(CommandResult result) => (TResponse)(object)result;
}
