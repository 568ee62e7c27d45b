namespace TumorRegistry.Domain.Cases;

/// <summary>Where a case is in abstraction.</summary>
public enum CaseStatus
{
    /// <summary>Opened; abstraction in progress with nothing known to block completion.</summary>
    Open,
    /// <summary>Items required for a complete abstract are still blank.</summary>
    Incomplete,
    /// <summary>Error edits fail and are not overridden (known only after running edits).</summary>
    FailingEdits,
    Completed,
    /// <summary>Marked as a duplicate of another case; not counted.</summary>
    Duplicate,
}
