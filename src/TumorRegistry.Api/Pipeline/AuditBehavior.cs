using System.Diagnostics;
using MediatR;
using TumorRegistry.Api.Cases.Shared;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// One structured log line per command: which command, which stream, which registrar, the outcome and,
/// when refused, the naaccrIds at fault. Item values never go to the log (they identify patients).
/// </summary>
public sealed class AuditBehavior<TRequest, TResponse>(ILogger<AuditBehavior<TRequest, TResponse>> log) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not RegistryCommand command) return await next();
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await next();
            var result = response as CommandResult;
            var fields = result is CommandResult.Refused r ? string.Join(",", r.Errors.Select(e => e.NaaccrId).Distinct())
                : result is CommandResult.BlockedByEdits b ? string.Join(",", b.Edits.Select(e => e.Edit.Id)) : "";
            log.LogInformation("Audit {Command} stream {StreamId} by {Registrar} correlation {CorrelationId}: {Outcome} {Fields} in {ElapsedMs} ms",
                typeof(TRequest).Name, command.StreamId, command.Registrar, command.CorrelationId, result?.Outcome, fields, clock.ElapsedMilliseconds);
            return response;
        }
        catch (Exception e)
        {
            log.LogError("Audit {Command} stream {StreamId} by {Registrar} correlation {CorrelationId}: failed with {Error} in {ElapsedMs} ms",
                typeof(TRequest).Name, command.StreamId, command.Registrar, command.CorrelationId, e.GetType().Name, clock.ElapsedMilliseconds);
            throw;
        }
    }
}
