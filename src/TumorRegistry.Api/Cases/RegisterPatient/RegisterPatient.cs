using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Cases;

namespace TumorRegistry.Api.Cases.RegisterPatient;

/// <summary>A person enters the registry; the service assigns the patient stream id.</summary>
public sealed record RegisterPatient(PatientRegistered Event) : RegistryCommand
{
    public override bool CreatesStream => true;
    public override bool RegistersPatient => true;
}

public sealed class RegisterPatientHandler(CaseWriter writer) : IRequestHandler<RegisterPatient, CommandResult>
{
    public Task<CommandResult> Handle(RegisterPatient request, CancellationToken cancellationToken) =>
        writer.CreateAsync(request, StreamTypes.Patient, Patient.Register(request.Event), cancellationToken);
}

public static class RegisterPatientEndpoint
{
    public static void MapRegisterPatient(this IEndpointRouteBuilder app) =>
        app.MapPost("/patients", (PatientRegistered body, IMediator mediator, HttpContext http) =>
            {
                var id = Guid.NewGuid();
                return mediator.SendAsync(http, id, new RegisterPatient(body), $"/patients/{id}");
            })
            .WithName("RegisterPatient").WithSummary("Register a patient (Patient ID Number required).")
            .WriteResponses();
}
