using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Consolidation;

/// <summary>A source record as JSON: id, kind, facility, when received, and its Tumor items by naaccrId.</summary>
public sealed record SourceRecordBody(string? SourceId, string? SourceKind, string? ReportingFacility, DateTimeOffset? ReceivedAt,
    Dictionary<string, string>? Items);

/// <summary>What consolidating a source did: the case's version, the items changed with their rules, the conflicts sent to review.</summary>
public sealed record ConsolidationResponse(Guid CaseId, int Version, bool AlreadyConsolidated,
    IReadOnlyList<ConsolidatedChange> Changes, IReadOnlyList<ConsolidationConflict> Conflicts);

/// <summary>Folds a source record about this tumor into the case by the item rules.</summary>
public sealed record ConsolidateSourceRecord(SourceRecord Source) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Source.SourceId)) yield return new FieldError("sourceId", "A source record needs its id.");
    }
}

/// <summary>The request's consolidation outcome, for the endpoint's answer (a command's result is only accepted or not).</summary>
public sealed class ConsolidationOutcome
{
    public SourceRecordConsolidated? Event { get; set; }
}

public sealed class ConsolidateSourceRecordHandler(CaseWriter writer, TimeProvider clock, Consolidator consolidator, ConsolidationOutcome outcome)
    : IRequestHandler<ConsolidateSourceRecord, CommandResult>
{
    public async Task<CommandResult> Handle(ConsolidateSourceRecord request, CancellationToken ct)
    {
        var loaded = await writer.Repository.LoadCaseAsync(request.StreamId, ct: ct);
        if (!loaded.State.Exists) return new CommandResult.NotFound("case", request.StreamId);
        var stream = loaded.Events.Select(e => (DomainEvent)e.Data).ToList();
        var decision = CaseConsolidation.Consolidate(loaded.State, stream, request.Source, clock.GetUtcNow(), consolidator);
        // A re-send: nothing to append, the case stays at its version.
        if (decision is { Accepted: true, Events.Count: 0 }) return new CommandResult.Accepted(request.StreamId, loaded.State.Version, false);
        outcome.Event = decision.Events.OfType<SourceRecordConsolidated>().FirstOrDefault();
        return await writer.OnCaseAsync(request, (_, _) => decision, ct);
    }
}

public static class ConsolidateSourceRecordEndpoint
{
    public static void MapConsolidateSourceRecord(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases/{caseId:guid}/source-records", async (Guid caseId, SourceRecordBody body, IMediator m, HttpContext http, TimeProvider clock,
                ConsolidationOutcome outcome) =>
            {
                var source = new SourceRecord(body.SourceId?.Trim() ?? "", body.SourceKind?.Trim() ?? "", body.ReportingFacility,
                    body.ReceivedAt ?? clock.GetUtcNow(), body.Items ?? []);
                var result = await m.Send(new ConsolidateSourceRecord(source).For(caseId, WriteHeaders.From(http)), http.RequestAborted);
                if (result is not CommandResult.Accepted a) return CommandHttp.ToHttp(http, result, $"/cases/{caseId}");
                http.Response.Headers.ETag = WriteHeaders.ETag(a.Version);
                var e = outcome.Event;
                return Results.Ok(new ConsolidationResponse(caseId, a.Version, e is null, e?.Changes ?? [], e?.Conflicts ?? []));
            })
            .WithName("ConsolidateSourceRecord")
            .WithSummary("Consolidate a source record (pathology, FHIR, NAACCR, abstract) into the case by the item rules; a re-send is a no-op.")
            .Produces<ConsolidationResponse>().WriteResponses();
}
