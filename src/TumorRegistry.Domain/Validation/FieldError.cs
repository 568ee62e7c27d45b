namespace TumorRegistry.Domain.Validation;

/// <summary>
/// Why a command was refused, naming the NAACCR item (naaccrId) the registrar must fix.
/// Errors about the case itself (e.g. "already completed") use the pseudo field "case" or "patient".
/// </summary>
public sealed record FieldError(string NaaccrId, string Message)
{
    public override string ToString() => $"{NaaccrId}: {Message}";
}
