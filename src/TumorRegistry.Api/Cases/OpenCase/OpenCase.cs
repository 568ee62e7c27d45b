using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;

namespace TumorRegistry.Api.Cases.OpenCase;

/// <summary>A reportable primary tumor found for a registered patient opens a case stream.</summary>
public sealed record OpenCase(CaseOpened Event) : RegistryCommand
{
    public override bool CreatesStream => true;
}

public sealed class OpenCaseHandler(CaseWriter writer) : IRequestHandler<OpenCase, CommandResult>
{
    public async Task<CommandResult> Handle(OpenCase request, CancellationToken cancellationToken)
    {
        var patient = await writer.Repository.LoadPatientAsync(request.Event.PatientId, ct: cancellationToken);
        if (!patient.State.Exists) return new CommandResult.NotFound("patient", request.Event.PatientId);
        return await writer.CreateAsync(request, StreamTypes.Tumor, TumorCase.Open(request.Event), cancellationToken);
    }
}

public static class OpenCaseEndpoint
{
    public static void MapOpenCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/cases", (CaseOpened body, IMediator mediator, HttpContext http) =>
            {
                var id = Guid.NewGuid();
                return mediator.SendAsync(http, id, new OpenCase(body), $"/cases/{id}");
            })
            .WithName("OpenCase").WithSummary("Open a case (one per primary tumor) for a registered patient.")
            .WriteResponses();
}
