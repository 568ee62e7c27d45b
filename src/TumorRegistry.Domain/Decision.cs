using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Domain;

/// <summary>
/// What a command decided: the events to append, or why it was refused (field errors naming items,
/// or the edits that block completion). Nothing is appended when refused.
/// </summary>
public sealed record Decision(IReadOnlyList<DomainEvent> Events, IReadOnlyList<FieldError> Errors, IReadOnlyList<EditResult> BlockingEdits)
{
    public bool Accepted => Errors.Count == 0 && BlockingEdits.Count == 0;

    public static Decision Accept(params DomainEvent[] events) => new(events, [], []);
    public static Decision Refuse(IReadOnlyList<FieldError> errors) => new([], errors, []);
    public static Decision Refuse(string field, string message) => Refuse([new FieldError(field, message)]);
    public static Decision RefuseEdits(IReadOnlyList<EditResult> blocking) => new([], [], blocking);

    /// <summary>Accepts the event unless validation found errors.</summary>
    public static Decision AcceptIfValid(DomainEvent e, IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? Accept(e) : Refuse(errors);
}
