using MediatR;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Cases.CaseHistory;

public sealed record ItemChange(string NaaccrId, string? OldValue, string? NewValue);

/// <summary>One event of the case or its patient: who, when, why, and item by item what changed.</summary>
public sealed record HistoryEntry(string Stream, int Version, string Event, DateTimeOffset RecordedAt, string User, string? Reason,
    Guid? CorrelationId, string? Detail, IReadOnlyList<ItemChange> Changes);

public sealed record CaseHistoryView(Guid CaseId, Guid PatientId, IReadOnlyList<HistoryEntry> Entries);

public sealed record GetCaseHistory(Guid CaseId) : IRequest<CaseHistoryView?>;

public sealed class GetCaseHistoryHandler(CaseRepository repository) : IRequestHandler<GetCaseHistory, CaseHistoryView?>
{
    public async Task<CaseHistoryView?> Handle(GetCaseHistory request, CancellationToken cancellationToken)
    {
        var tumor = await repository.LoadCaseAsync(request.CaseId, ct: cancellationToken);
        if (!tumor.State.Exists) return null;
        var patient = await repository.LoadPatientAsync(tumor.State.PatientId, ct: cancellationToken);
        // Each stream is replayed on its own item map; the two are then merged in the order they were recorded.
        var entries = Replay(StreamTypes.Patient, patient.Events).Concat(Replay(StreamTypes.Tumor, tumor.Events))
            .OrderBy(e => e.Sequence).Select(e => e.Entry).ToList();
        return new CaseHistoryView(request.CaseId, tumor.State.PatientId, entries);
    }

    private static IEnumerable<(long Sequence, HistoryEntry Entry)> Replay(string stream, IReadOnlyList<StoredEvent> events)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            var e = (DomainEvent)stored.Data;
            var before = new Dictionary<string, string>(items, StringComparer.Ordinal);
            ItemMapping.Apply(e, items);
            var changes = before.Keys.Union(items.Keys).Order(StringComparer.Ordinal)
                .Select(id => new ItemChange(id, before.GetValueOrDefault(id), items.GetValueOrDefault(id)))
                .Where(c => c.OldValue != c.NewValue).ToList();
            yield return (stored.Sequence, new HistoryEntry(stream, stored.Version, stored.TypeName, stored.RecordedAt, stored.Metadata.User,
                stored.Metadata.Reason ?? ReasonIn(e), stored.Metadata.CorrelationId, Detail(e), changes));
        }
    }

    private static string? ReasonIn(DomainEvent e) => e switch
    {
        CaseReopened r => r.Reason,
        EditOverridden o => o.Reason,
        CaseMarkedDuplicate d => d.Reason,
        ItemsCorrected c => c.Reason,
        _ => null,
    };

    private static string? Detail(DomainEvent e) => e switch
    {
        EditOverridden o => $"edit {o.EditId} overridden",
        CaseMarkedDuplicate d => $"duplicate of case {d.DuplicateOfCaseId}",
        ItemsImported i => $"imported from {i.Source}",
        CaseOpened o => $"patient {o.PatientId}",
        _ => null,
    };
}

public static class CaseHistoryEndpoint
{
    public static void MapCaseHistory(this IEndpointRouteBuilder app) =>
        app.MapGet("/cases/{caseId:guid}/history", async (Guid caseId, IMediator m, CancellationToken ct) =>
                await m.Send(new GetCaseHistory(caseId), ct) is { } view
                    ? Results.Ok(view)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No case {caseId}."))
            .WithName("GetCaseHistory").WithSummary("Every event of the case and its patient: who, when, why, old and new values.")
            .Produces<CaseHistoryView>().ProducesProblem(StatusCodes.Status404NotFound);
}
