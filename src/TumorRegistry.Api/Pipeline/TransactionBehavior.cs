using MediatR;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// Runs a command in one transaction: commits when accepted, rolls back otherwise. A concurrent writer
/// that got there first surfaces as a Conflict with the stream's current version.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not RegistryCommand command || typeof(TResponse) != typeof(CommandResult)) return await next();
        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            if (response is CommandResult.Accepted) await unitOfWork.CommitAsync(cancellationToken);
            else await unitOfWork.RollbackAsync();
            return response;
        }
        catch (ConcurrencyException e)
        {
            await unitOfWork.RollbackAsync();
            return (TResponse)(object)new CommandResult.Conflict(e.StreamId, command.ExpectedVersion ?? 0, e.ActualVersion);
        }
        catch
        {
            await unitOfWork.RollbackAsync();
            throw;
        }
    }
}
