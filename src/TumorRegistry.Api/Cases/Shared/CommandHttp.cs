using MediatR;
using TumorRegistry.Domain.Edits;

namespace TumorRegistry.Api.Cases.Shared;

/// <summary>The body of an accepted write: the stream and its new version (also the ETag).</summary>
public sealed record WriteResponse(Guid Id, int Version);

/// <summary>An edit as a registrar reads it in a refusal or an edit report.</summary>
public sealed record EditFailure(string Id, string Title, string Message, string Severity, IReadOnlyList<string> Items, bool Overridable, bool Overridden)
{
    public static EditFailure Of(EditResult r) =>
        new(r.Edit.Id, r.Edit.Title, r.Edit.Message, r.Edit.Severity.ToString().ToLowerInvariant(), r.Edit.Items, r.Edit.Overridable, r.Overridden);
}

/// <summary>Sends a command with the request's headers and maps its result to HTTP (ETag, ProblemDetails).</summary>
public static class CommandHttp
{
    public static async Task<IResult> SendAsync(this IMediator mediator, HttpContext http, Guid streamId, RegistryCommand command, string location)
    {
        var result = await mediator.Send(command.For(streamId, WriteHeaders.From(http)), http.RequestAborted);
        return ToHttp(http, result, location);
    }

    public static IResult ToHttp(HttpContext http, CommandResult result, string location)
    {
        switch (result)
        {
            case CommandResult.Accepted a:
                http.Response.Headers.ETag = WriteHeaders.ETag(a.Version);
                var body = new WriteResponse(a.StreamId, a.Version);
                return a.Created ? Results.Created(location, body) : Results.Ok(body);
            case CommandResult.Refused r:
                return Results.ValidationProblem(
                    r.Errors.GroupBy(e => e.NaaccrId).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    title: "The request has invalid items; nothing was stored.");
            case CommandResult.BlockedByEdits b:
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The case fails error edits and cannot be completed.",
                    detail: "Correct the items, or override the edits that allow it with a reason.",
                    extensions: new Dictionary<string, object?> { ["failingEdits"] = b.Edits.Select(EditFailure.Of).ToList() });
            case CommandResult.NotFound n:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {n.What} {n.Id}.");
            case CommandResult.Conflict c:
                if (c.CurrentVersion is { } current) http.Response.Headers.ETag = WriteHeaders.ETag(current);
                return Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: "Someone else changed this record since you read it.",
                    detail: $"You read version {c.ExpectedVersion}; it is now at version {c.CurrentVersion}. Reload and apply your change again.",
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = c.CurrentVersion, ["expectedVersion"] = c.ExpectedVersion });
            case CommandResult.Forbidden f:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: f.Detail);
            case CommandResult.PreconditionRequired p:
                return Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required.", detail: p.Detail);
            default:
                throw new InvalidOperationException($"Unmapped result {result.GetType().Name}.");
        }
    }

    /// <summary>The standard error responses of a write, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder WriteResponses(this RouteHandlerBuilder builder) => builder
        .Produces<WriteResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
