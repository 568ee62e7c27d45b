using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Edits;

/// <summary>
/// Runs edits over a case's item map. Pure: the same items, overrides and date give the same report,
/// so it can run per command, per case or over the whole registry.
/// </summary>
public sealed class EditEngine(NaaccrStandards standards, EditCatalog catalog)
{
    public static EditEngine Default => new(NaaccrStandards.Default, EditCatalog.Default);

    public EditCatalog Catalog => catalog;

    /// <param name="items">Patient and tumor items of the case (see CaseItems.Of).</param>
    /// <param name="today">The date "not in the future" is checked against.</param>
    /// <param name="overridden">Edit ids a registrar has overridden on this case.</param>
    public EditReport Run(IReadOnlyDictionary<string, string> items, DateOnly today, IReadOnlySet<string>? overridden = null)
    {
        var ctx = new EditContext(items, standards, today);
        var results = new List<EditResult>(catalog.Edits.Count);
        foreach (var edit in catalog.Edits)
        {
            var outcome = edit.Check(ctx);
            results.Add(new EditResult(edit, outcome,
                outcome == EditOutcome.Fail && edit.Overridable && overridden?.Contains(edit.Id) == true));
        }
        return new EditReport(results);
    }
}
