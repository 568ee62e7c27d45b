using MediatR;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Cases.Shared;

/// <summary>
/// A write to a patient or case stream. The endpoint fills who (the signed-in principal), the version read (If-Match),
/// why (the body's reason or X-Reason) and the correlation id; the pipeline checks them before the handler runs.
/// </summary>
public abstract record RegistryCommand : IRequest<CommandResult>
{
    public Guid StreamId { get; init; }
    /// <summary>The stream version from If-Match; <see cref="AnyVersion"/> for "*"; null when the header is missing.</summary>
    public int? ExpectedVersion { get; init; }
    public string? Registrar { get; init; }
    public string? Reason { get; init; }
    public Guid CorrelationId { get; init; }

    public const int AnyVersion = -1;

    /// <summary>Creates a stream: no If-Match is needed.</summary>
    public virtual bool CreatesStream => false;

    /// <summary>Registers a new patient: no facility holds it yet, so the registrar's facilities are given to it.</summary>
    public virtual bool RegistersPatient => false;

    /// <summary>Checks of the request itself (required reason, ids); item values are checked by the domain.</summary>
    public virtual IEnumerable<FieldError> Validate() => [];

    /// <summary>A copy carrying the HTTP request's headers (keeps a reason given in the body).</summary>
    public RegistryCommand For(Guid streamId, WriteHeaders headers) => this with
    {
        StreamId = streamId,
        ExpectedVersion = headers.ExpectedVersion,
        Registrar = headers.Registrar,
        Reason = string.IsNullOrWhiteSpace(Reason) ? headers.Reason : Reason,
        CorrelationId = headers.CorrelationId,
    };
}

/// <summary>What became of a command; the endpoints turn it into a status code and ProblemDetails.</summary>
public abstract record CommandResult
{
    public sealed record Accepted(Guid StreamId, int Version, bool Created) : CommandResult;
    /// <summary>Field errors keyed by naaccrId (or "reason", "case", "patient"); nothing was stored.</summary>
    public sealed record Refused(IReadOnlyList<FieldError> Errors) : CommandResult;
    /// <summary>Completion refused by error edits that fail and are not overridden.</summary>
    public sealed record BlockedByEdits(IReadOnlyList<EditResult> Edits) : CommandResult;
    public sealed record NotFound(string What, Guid Id) : CommandResult;
    public sealed record Conflict(Guid StreamId, int ExpectedVersion, int? CurrentVersion) : CommandResult;
    public sealed record Forbidden(string Detail) : CommandResult;
    public sealed record PreconditionRequired(string Detail) : CommandResult;

    public string Outcome => GetType().Name;
}
