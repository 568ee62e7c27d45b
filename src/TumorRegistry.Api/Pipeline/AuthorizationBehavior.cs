using MediatR;
using TumorRegistry.Api.Cases.Shared;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// The authorization hook: every write needs a registrar. Today that is the X-Registrar header; with real
/// authentication, check the user's role for the command here.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is RegistryCommand { Registrar: null } && typeof(TResponse) == typeof(CommandResult))
            return Task.FromResult((TResponse)(object)new CommandResult.Forbidden(
                $"Writes need the registrar's user name in the {WriteHeaders.RegistrarHeader} header."));
        return next();
    }
}
