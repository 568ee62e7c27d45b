using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Validation;

/// <summary>
/// Checks single item values against the standards before any event is produced: the item exists,
/// fits its length and data type, dates are real dates, coded items use a listed code, the primary site
/// is an ICD-O-3 topography code. Cross-item rules are edits, run later over the whole case.
/// </summary>
public sealed class ItemValidator(NaaccrStandards standards)
{
    public static ItemValidator Default { get; } = new(NaaccrStandards.Default);

    /// <summary>Errors for one value; none when it is blank (blank is "not known yet", not invalid).</summary>
    public IEnumerable<FieldError> Validate(string naaccrId, string? value, NaaccrParent? expectedParent = null)
    {
        // v25 first (the domain's version), then the other shipped versions (e.g. v26 sexAssignedAtBirth).
        var def = standards.Dictionary.Find(naaccrId) ?? FindInAnyVersion(naaccrId);
        if (def is null)
        {
            var versions = string.Join(", ", standards.Dictionaries.Keys.Order());
            yield return new FieldError(naaccrId, $"'{naaccrId}' is not a NAACCR data item (dictionaries {versions}).");
            yield break;
        }
        if (expectedParent is { } parent && def.Parent != parent)
        {
            yield return new FieldError(naaccrId, $"{Label(def)} is a {def.Parent} item and cannot be recorded on a {parent} record.");
            yield break;
        }
        if (string.IsNullOrEmpty(value)) yield break;
        if (value.Length > def.Length)
        {
            yield return new FieldError(naaccrId, $"{Label(def)} is at most {def.Length} characters; {ErrorText.Quote(value)} has {value.Length}.");
            yield break;
        }
        var typeError = CheckType(def, value);
        if (typeError is not null) { yield return new FieldError(naaccrId, typeError); yield break; }

        if (standards.CodeLists.ForItem(naaccrId) is { } codes && !codes.Contains(value))
            yield return new FieldError(naaccrId, $"{ErrorText.Quote(value, capital: true)} is not a valid code for {Label(def)}.");
        if (naaccrId == "primarySite" && !standards.IcdO3.SiteExists(value))
            yield return new FieldError(naaccrId, $"{ErrorText.Quote(value, capital: true)} is not an ICD-O-3 topography code.");
        if (naaccrId == "histologicTypeIcdO3" && string.CompareOrdinal(value, "8000") < 0)
            yield return new FieldError(naaccrId, $"{ErrorText.Quote(value, capital: true)} is not an ICD-O-3 histology (8000-9993).");
    }

    /// <summary>Validates every item an event would record, with the stream's parent element.</summary>
    public IReadOnlyList<FieldError> Validate(DomainEvent e, NaaccrParent parent) =>
        ItemMapping.ItemsOf(e).SelectMany(kv => Validate(kv.Key, kv.Value, parent)).ToList();

    /// <summary>
    /// Only checks that items known to any shipped dictionary version sit on the right record;
    /// unknown items pass (they are kept as they are).
    /// </summary>
    public IReadOnlyList<FieldError> ValidatePlacement(IEnumerable<string> naaccrIds, NaaccrParent parent) =>
        naaccrIds.Select(id => (id, def: standards.Dictionary.Find(id) ?? FindInAnyVersion(id)))
            .Where(x => x.def is not null && x.def.Parent != parent)
            .Select(x => new FieldError(x.id, $"{Label(x.def!)} is a {x.def!.Parent} item and cannot be recorded on a {parent} record."))
            .ToList();

    private NaaccrItemDef? FindInAnyVersion(string naaccrId) =>
        standards.Dictionaries.Values.Select(d => d.Find(naaccrId)).FirstOrDefault(d => d is not null);

    private static string? CheckType(NaaccrItemDef def, string value) => def.DataType switch
    {
        NaaccrDataType.Digits when !value.All(char.IsAsciiDigit) => $"{Label(def)} takes digits only; {ErrorText.Quote(value)} is not.",
        // NAACCR XML "digits" values are zero-padded to the item length ("01", "049").
        NaaccrDataType.Digits when value.Length != def.Length => $"{Label(def)} takes exactly {def.Length} digits (zero-padded); {ErrorText.Quote(value)} has {value.Length}.",
        NaaccrDataType.Numeric when !decimal.TryParse(value, System.Globalization.NumberStyles.Number,
            System.Globalization.CultureInfo.InvariantCulture, out _) => $"{Label(def)} takes a number; {ErrorText.Quote(value)} is not.",
        NaaccrDataType.Alpha when !value.All(char.IsAsciiLetterUpper) => $"{Label(def)} takes upper-case letters only; {ErrorText.Quote(value)} is not.",
        NaaccrDataType.Date when !NaaccrDate.TryParse(value, out _, out var error) => $"{Label(def)}: {error}",
        _ => null,
    };

    private static string Label(NaaccrItemDef def) => $"{def.Name} [{def.NaaccrNum}]";
}
