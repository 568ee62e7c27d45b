using MediatR;
using TumorRegistry.Api.Cases.Shared;

namespace TumorRegistry.Api.Web;

/// <summary>
/// Sends a command from a page through the same MediatR pipeline as the API (audit, facility scoping, validation,
/// transaction): the signed-in principal writes, the version the page was loaded with stands in for If-Match.
/// </summary>
public static class PageCommands
{
    public static Task<CommandResult> SendFromPageAsync(this IMediator mediator, HttpContext http, Guid streamId, RegistryCommand command,
        int? loadedVersion, string? reason = null)
    {
        var headers = new WriteHeaders(http.User.Identity?.Name, loadedVersion, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Guid.NewGuid());
        return mediator.Send(command.For(streamId, headers), http.RequestAborted);
    }

    /// <summary>Refusals as messages by item (naaccrId, or "reason", "case", ...), shown beside their fields.</summary>
    public static Dictionary<string, List<string>> Messages(CommandResult.Refused refused) =>
        refused.Errors.GroupBy(e => e.NaaccrId).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());
}
