namespace TumorRegistry.Domain.Edits;

public enum EditSeverity { Error, Warning }

/// <summary>Pass, fail, or skipped because the items it needs are blank (other edits catch blanks).</summary>
public enum EditOutcome { Pass, Fail, Skipped }

/// <summary>
/// A data edit: a rule over a case's NAACCR items (patient and tumor items together).
/// </summary>
/// <param name="Id">Stable id, e.g. "TR101"; overrides and reports refer to it.</param>
/// <param name="Title">Short name listing the items, NAACCR style: "Primary Site, Sex".</param>
/// <param name="Message">What a registrar reads when it fails.</param>
/// <param name="Items">naaccrIds the edit reads.</param>
/// <param name="Overridable">Whether a registrar may confirm the data and clear a failure.</param>
/// <param name="Check">The rule.</param>
public sealed record EditDefinition(
    string Id,
    string Title,
    string Message,
    EditSeverity Severity,
    IReadOnlyList<string> Items,
    bool Overridable,
    Func<EditContext, EditOutcome> Check)
{
    /// <summary>The outcome can change with the passing of time alone ("not in the future"): re-run nightly.</summary>
    public bool DependsOnToday { get; init; }

    public static EditOutcome Pass => EditOutcome.Pass;
    public static EditOutcome Fail => EditOutcome.Fail;
    public static EditOutcome Skip => EditOutcome.Skipped;

    /// <summary>Turns a condition into pass/fail.</summary>
    public static EditOutcome PassIf(bool ok) => ok ? EditOutcome.Pass : EditOutcome.Fail;
}

/// <summary>One edit's outcome on one case.</summary>
public sealed record EditResult(EditDefinition Edit, EditOutcome Outcome, bool Overridden)
{
    public bool Failed => Outcome == EditOutcome.Fail;

    /// <summary>Failed, not overridden and an error: blocks completion.</summary>
    public bool Blocks => Failed && !Overridden && Edit.Severity == EditSeverity.Error;
}

/// <summary>All edit outcomes for one case.</summary>
public sealed record EditReport(IReadOnlyList<EditResult> Results)
{
    public IEnumerable<EditResult> Failures => Results.Where(r => r.Failed && !r.Overridden);
    public IEnumerable<EditResult> BlockingErrors => Results.Where(r => r.Blocks);
    public IEnumerable<EditResult> Warnings => Failures.Where(r => r.Edit.Severity == EditSeverity.Warning);
    public bool HasBlockingErrors => Results.Any(r => r.Blocks);

    public EditResult? For(string editId) => Results.FirstOrDefault(r => r.Edit.Id == editId);
}
