using TumorRegistry.Incidence.Populations;
using TumorRegistry.Standards.Seer;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>
/// Site groups of registry incidence tables: "All Sites" plus the SEER site recode 2023 leaves, named as in the
/// shipped table. Sites under the table's "Female Genital System" and "Male Genital System" headings are
/// sex-specific, so their rates use that sex's population only.
/// </summary>
public sealed class IncidenceSiteGroups
{
    public const string AllSites = "All Sites";

    private readonly Dictionary<string, string> _nameByRecode = new(StringComparer.Ordinal);

    public IncidenceSiteGroups(SiteRecodeTable table)
    {
        foreach (var (recode, name) in table.Leaves) _nameByRecode.TryAdd(recode, name);
        Names = [AllSites, .. _nameByRecode.Values.Distinct()];
        var sexOf = new Dictionary<string, Sex>(StringComparer.Ordinal);
        Sex? under = null;
        foreach (var g in table.Groups)
        {
            if (g.Indentation == 0) under = g.Name switch { "Female Genital System" => Sex.Female, "Male Genital System" => Sex.Male, _ => null };
            else if (g.Recode is not null && under is { } sex) sexOf[g.Name] = sex;
        }
        SexSpecific = sexOf;
    }

    /// <summary>All group names in table order, "All Sites" first.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyDictionary<string, Sex> SexSpecific { get; }

    /// <summary>The group name of a site recode code, null for codes outside the table.</summary>
    public string? NameOf(string? recode) => recode is null ? null : _nameByRecode.GetValueOrDefault(recode);

    /// <summary>The site recode codes of named groups ("All Sites" has none).</summary>
    public IEnumerable<string> RecodesOf(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return _nameByRecode.Where(kv => wanted.Contains(kv.Value)).Select(kv => kv.Key);
    }

    /// <summary>A group by name (any case) or by recode code ("49" is Prostate).</summary>
    public string? Resolve(string nameOrRecode)
    {
        var s = nameOrRecode.Trim();
        if (_nameByRecode.TryGetValue(s, out var name)) return name;
        return Names.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
    }
}
