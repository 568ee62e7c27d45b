using MediatR;
using TumorRegistry.Api.Cases.Shared;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// Refuses malformed commands before any read: the request's own checks (reason, ids) and If-Match on writes
/// to an existing stream (428 when missing, so a registrar never overwrites what they have not seen).
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not RegistryCommand command || typeof(TResponse) != typeof(CommandResult)) return next();
        if (!command.CreatesStream && command.ExpectedVersion is null)
            return Result(new CommandResult.PreconditionRequired(
                "Send If-Match with the ETag (stream version) you read, e.g. If-Match: \"3\"."));
        var errors = command.Validate().ToList();
        return errors.Count > 0 ? Result(new CommandResult.Refused(errors)) : next();
    }

    private static Task<TResponse> Result(CommandResult result) => Task.FromResult((TResponse)(object)result);
}
