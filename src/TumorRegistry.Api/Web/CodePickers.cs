using TumorRegistry.Standards;

namespace TumorRegistry.Api.Web;

/// <summary>One choice of a code picker: the code and the label the code list gives it.</summary>
public sealed record CodeChoice(string Code, string Label);

/// <summary>How a field is entered: a select of a short code list, a datalist of a long one (site, histology), or text.</summary>
public enum PickerKind { Text, Select, DataList }

/// <summary>A field of a form: its NAACCR item, the dictionary's name and number, and its code picker.</summary>
public sealed record ItemField(string NaaccrId, string Label, int? Number, int? Length, PickerKind Kind, IReadOnlyList<CodeChoice> Choices)
{
    public string Title => Number is { } n ? $"{Label} [{n}]" : Label;
}

/// <summary>
/// Field labels from the NAACCR dictionary and choices from the shipped code lists (data/reference/naaccr/code-labels)
/// and the ICD-O-3 lists: nothing is typed here but which items use the ICD-O-3 lists.
/// </summary>
public sealed class CodePickers(NaaccrStandards standards)
{
    // Lists longer than this are offered as a datalist: the registrar types the code and sees the labels.
    private const int SelectLimit = 60;
    private readonly Dictionary<string, ItemField> _fields = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ItemField Field(string naaccrId)
    {
        lock (_lock)
        {
            if (!_fields.TryGetValue(naaccrId, out var field)) _fields[naaccrId] = field = Build(naaccrId);
            return field;
        }
    }

    private ItemField Build(string naaccrId)
    {
        var def = standards.Dictionary.Find(naaccrId);
        var label = def?.Name ?? naaccrId;
        var choices = naaccrId switch
        {
            "primarySite" => standards.IcdO3.Sites.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new CodeChoice(s.Code, s.Label)).ToList(),
            "histologicTypeIcdO3" => standards.IcdO3.Morphologies.GroupBy(m => m.Histology).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeChoice(g.Key, g.OrderBy(m => m.Behavior, StringComparer.Ordinal).First().Label)).ToList(),
            _ => standards.CodeLists.ForItem(naaccrId)?.Entries.Select(e => new CodeChoice(e.Code, e.Label)).ToList() ?? [],
        };
        var kind = choices.Count == 0 ? PickerKind.Text : choices.Count > SelectLimit ? PickerKind.DataList : PickerKind.Select;
        return new ItemField(naaccrId, label, def?.NaaccrNum, def?.Length, kind, choices);
    }
}
