using System.Collections.Concurrent;

namespace TumorRegistry.Standards.Codes;

/// <summary>
/// Which code list each coded NAACCR item uses (_item-to-code-list.csv) and the lists themselves,
/// loaded on first use. Items whose list is not shipped (e.g. iso_country) are treated as not coded.
/// </summary>
public sealed class CodeLists
{
    private readonly IReadOnlyDictionary<string, string> _schemeByItem;
    private readonly Func<string, TextReader?> _openScheme;
    private readonly ConcurrentDictionary<string, CodeList?> _lists = new(StringComparer.Ordinal);

    /// <param name="itemToCodeList">The _item-to-code-list.csv content (name,scheme).</param>
    /// <param name="openScheme">Opens &lt;scheme&gt;.csv, or null when that list is not available.</param>
    public CodeLists(TextReader itemToCodeList, Func<string, TextReader?> openScheme)
    {
        _openScheme = openScheme;
        _schemeByItem = Csv.ReadWithHeader(itemToCodeList)
            .ToDictionary(r => r["name"], r => r["scheme"], StringComparer.Ordinal);
    }

    /// <summary>Items that have a code list, with the scheme name.</summary>
    public IReadOnlyDictionary<string, string> SchemeByItem => _schemeByItem;

    /// <summary>Coded items whose list is actually available.</summary>
    public IEnumerable<string> CodedItems => _schemeByItem.Keys.Where(i => ForItem(i) is not null);

    /// <summary>The code list of an item, or null when the item is not coded (free text, dates, counts).</summary>
    public CodeList? ForItem(string naaccrId) =>
        _schemeByItem.TryGetValue(naaccrId, out var scheme) ? Scheme(scheme) : null;

    public CodeList? Scheme(string scheme) => _lists.GetOrAdd(scheme, s =>
    {
        using var reader = _openScheme(s);
        return reader is null ? null : CodeList.Load(s, reader);
    });

    /// <summary>Loads the shipped lists from reference/naaccr/code-labels.</summary>
    public static CodeLists LoadShipped()
    {
        using var map = ReferenceData.OpenText("reference", "naaccr", "code-labels", "_item-to-code-list.csv");
        return new CodeLists(map, scheme =>
        {
            var path = ReferenceData.Path("reference", "naaccr", "code-labels", scheme + ".csv");
            return File.Exists(path) ? new StreamReader(path) : null;
        });
    }
}
