using TumorRegistry.Standards.Seer;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// Resolves what an epidemiologist types as a site (a site recode 2023 code such as "30", or a group name such as
/// "Lung and Bronchus" or "Digestive System") to the leaf recodes stored in case_summary.site_recode_2023.
/// A heading covers every leaf indented under it in SEER's table.
/// </summary>
public sealed class SiteGroups
{
    readonly Dictionary<string, string[]> _byKey = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _leafName = new(StringComparer.Ordinal);

    public SiteGroups(SiteRecodeTable table)
    {
        var rows = table.Groups;
        for (int i = 0; i < rows.Count; i++)
        {
            var g = rows[i];
            string[] leaves;
            if (g.Recode is { } code)
            {
                leaves = [code];
                _leafName.TryAdd(code, g.Name);
                _byKey.TryAdd(code, leaves);
            }
            else
            {
                var under = new List<string>();
                for (int j = i + 1; j < rows.Count && rows[j].Indentation > g.Indentation; j++)
                    if (rows[j].Recode is { } r && !under.Contains(r)) under.Add(r);
                leaves = under.ToArray();
            }
            _byKey.TryAdd(Normalise(g.Name), leaves);
        }
    }

    /// <summary>Leaf recodes for a code or a group name (spaces, hyphens and case ignored); null when unknown.</summary>
    public IReadOnlyList<string>? Resolve(string selector) =>
        _byKey.TryGetValue(selector.Trim(), out var byCode) ? byCode
        : _byKey.TryGetValue(Normalise(selector), out var byName) ? byName : null;

    /// <summary>"30 Lung and Bronchus" for a leaf code; the code itself if the table does not have it.</summary>
    public string Label(string? recode) =>
        recode is null ? "site unknown" : _leafName.TryGetValue(recode, out var name) ? $"{recode} {name}" : recode;

    static string Normalise(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant() is var s && s.Length > 0 ? "n:" + s : name;
}
