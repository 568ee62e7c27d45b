using System.Security.Claims;
using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Api.Consolidation;

/// <summary>What a consolidation did: the command's result (accepted, refused, not found, conflict), the changes and conflicts.</summary>
public sealed record ConsolidationResult(CommandResult Outcome, bool AlreadyConsolidated, IReadOnlyList<ConsolidatedChange> Changes,
    IReadOnlyList<ConsolidationConflict> Conflicts);

/// <summary>
/// The entry point of "incoming report -> link patient -> same primary -> consolidate into the existing case": folds a
/// source record into a case through the command pipeline (its own transaction, audit log line, facility scoping when
/// called in a request). Inside another command's transaction use <see cref="CaseConsolidation.Consolidate"/> directly.
/// </summary>
public sealed class ConsolidationService(IMediator mediator, ConsolidationOutcome outcome)
{
    public async Task<ConsolidationResult> ConsolidateAsync(Guid caseId, SourceRecord source, ClaimsPrincipal user, CancellationToken ct) =>
        await ConsolidateAsync(caseId, source, user.Identity?.Name ?? throw new ArgumentException("A signed-in principal is needed.", nameof(user)), ct);

    public async Task<ConsolidationResult> ConsolidateAsync(Guid caseId, SourceRecord source, string user, CancellationToken ct)
    {
        outcome.Event = null;
        var command = new ConsolidateSourceRecord(source)
        {
            StreamId = caseId, ExpectedVersion = RegistryCommand.AnyVersion, Registrar = user, CorrelationId = Guid.NewGuid(),
            Reason = $"Consolidated from {source.SourceKind} {source.SourceId}",
        };
        var result = await mediator.Send(command, ct);
        var e = result is CommandResult.Accepted ? outcome.Event : null;
        return new ConsolidationResult(result, result is CommandResult.Accepted && e is null, e?.Changes ?? [], e?.Conflicts ?? []);
    }
}
