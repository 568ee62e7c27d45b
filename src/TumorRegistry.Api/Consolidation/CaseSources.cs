using MediatR;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;

namespace TumorRegistry.Api.Consolidation;

/// <summary>The case's items with the source of each value and what every source record said ("view source data").</summary>
public sealed record GetCaseSources(Guid CaseId) : IRequest<CaseProvenance?>;

public sealed class GetCaseSourcesHandler(CaseRepository repository) : IRequestHandler<GetCaseSources, CaseProvenance?>
{
    public async Task<CaseProvenance?> Handle(GetCaseSources request, CancellationToken ct)
    {
        var loaded = await repository.LoadCaseAsync(request.CaseId, ct: ct);
        return loaded.State.Exists
            ? CaseProvenance.From(request.CaseId, loaded.Events.Select(e => ((DomainEvent)e.Data, e.TypeName, e.RecordedAt)))
            : null;
    }
}

public static class CaseSourcesEndpoint
{
    public static void MapCaseSources(this IEndpointRouteBuilder app) =>
        app.MapGet("/cases/{caseId:guid}/sources", async (Guid caseId, IMediator m, CancellationToken ct) =>
                await m.Send(new GetCaseSources(caseId), ct) is { } view
                    ? Results.Ok(view)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No case {caseId}."))
            .WithName("GetCaseSources").WithSummary("Item by item: the value, the source that supplied it (rule), and what every source record said.")
            .Produces<CaseProvenance>().ProducesProblem(StatusCodes.Status404NotFound);
}
