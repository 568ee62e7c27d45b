using TumorRegistry.Standards;
using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Domain.Edits;

/// <summary>What an edit sees: the case's items (blank = absent), the standards and today's date.</summary>
public sealed class EditContext(IReadOnlyDictionary<string, string> items, NaaccrStandards standards, DateOnly today)
{
    public IReadOnlyDictionary<string, string> Items { get; } = items;
    public NaaccrStandards Standards { get; } = standards;
    public DateOnly Today { get; } = today;

    /// <summary>The value, or null when blank or absent.</summary>
    public string? this[string naaccrId] =>
        Items.TryGetValue(naaccrId, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public bool Has(string naaccrId) => this[naaccrId] is not null;

    /// <summary>The date, or null when blank or not a valid date (the date format edits report those).</summary>
    public NaaccrDate? Date(string naaccrId) =>
        NaaccrDate.TryParse(this[naaccrId], out var d) ? d : null;

    public int? Int(string naaccrId) => int.TryParse(this[naaccrId], out var n) ? n : null;

    public NaaccrDate TodayDate => NaaccrDate.From(Today);
}
