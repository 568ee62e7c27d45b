using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Standards.Seer;

/// <summary>A site recode group: a leaf (has a recode) or a heading that groups leaves.</summary>
public sealed record SiteRecodeGroup(int Id, string Name, int Indentation, string? Recode);

/// <summary>Result of classifying a tumor: the leaf group and its headings, outermost first.</summary>
public sealed record SiteRecodeResult(string Recode, string Name, IReadOnlyList<SiteRecodeGroup> Parents)
{
    public SiteRecodeGroup? TopGroup => Parents.Count > 0 ? Parents[0] : null;
}

/// <summary>
/// SEER Site Recode (reference/seer/site-recode-2023.csv): primary site, histology, behavior and diagnosis
/// year to a site group. Rows are tried in file order and the first leaf whose criteria match wins,
/// which is how the table is written (melanoma before other skin, mesothelioma after site rows that exclude it).
/// </summary>
public sealed class SiteRecodeTable
{
    private sealed record Rule(SiteRecodeGroup Group, IReadOnlyList<SiteRecodeGroup> Parents,
        CodeRanges Sites, CodeRanges HistIn, CodeRanges HistOut, CodeRanges Behaviors, int? YearMin, int? YearMax);

    private readonly List<Rule> _rules;

    private SiteRecodeTable(List<Rule> rules, IReadOnlyList<SiteRecodeGroup> groups)
    {
        _rules = rules;
        Groups = groups;
    }

    /// <summary>All rows as groups (a leaf split by diagnosis years appears once per row).</summary>
    public IReadOnlyList<SiteRecodeGroup> Groups { get; }

    /// <summary>Distinct leaf recodes with their names, in table order.</summary>
    public IEnumerable<(string Recode, string Name)> Leaves =>
        _rules.Select(r => (r.Group.Recode!, r.Group.Name)).Distinct();

    /// <summary>
    /// Classifies a tumor. <paramref name="diagnosisYear"/> null means unknown: year-bounded rows then match
    /// on the other criteria alone (the first such row wins). Returns null when no group applies
    /// (e.g. benign behavior, or a site/histology outside the table).
    /// </summary>
    public SiteRecodeResult? Classify(string primarySite, string histology, string behavior, int? diagnosisYear)
    {
        foreach (var r in _rules)
        {
            if (!r.Sites.Contains(primarySite)) continue;
            if (!r.HistIn.IsEmpty && !r.HistIn.Contains(histology)) continue;
            if (r.HistOut.Contains(histology)) continue;
            if (!r.Behaviors.IsEmpty && !r.Behaviors.Contains(behavior)) continue;
            if (diagnosisYear is { } y && (y < r.YearMin || y > r.YearMax)) continue;
            return new SiteRecodeResult(r.Group.Recode!, r.Group.Name, r.Parents);
        }
        return null;
    }

    /// <summary>
    /// Parses the SEER table (ID, Name, Indentation, Sites IN, Hist IN, Hist OUT, Beh IN, DX Year Min, DX Year Max, Recode).
    /// A row without a recode is a heading; a leaf's headings are the nearest preceding rows of smaller indentation.
    /// </summary>
    public static SiteRecodeTable Load(TextReader csv)
    {
        var rules = new List<Rule>();
        var groups = new List<SiteRecodeGroup>();
        var open = new List<SiteRecodeGroup>();
        foreach (var row in Csv.ReadWithHeader(csv))
        {
            var recode = row["Recode"];
            var group = new SiteRecodeGroup(int.Parse(row["ID"]), row["Name"], int.Parse(row["Indentation"]),
                recode.Length == 0 ? null : recode);
            groups.Add(group);
            open.RemoveAll(g => g.Indentation >= group.Indentation);
            if (group.Recode is null) { open.Add(group); continue; }
            rules.Add(new Rule(group, open.ToList(),
                CodeRanges.Parse(row["Sites IN"]), CodeRanges.Parse(row["Hist IN"]), CodeRanges.Parse(row["Hist OUT"]),
                CodeRanges.Parse(row["Beh IN"]), ParseYear(row["DX Year Min"]), ParseYear(row["DX Year Max"])));
        }
        return new SiteRecodeTable(rules, groups);
    }

    public static SiteRecodeTable LoadShipped()
    {
        using var r = ReferenceData.OpenText("reference", "seer", "site-recode-2023.csv");
        return Load(r);
    }

    private static int? ParseYear(string s) => s.Length == 0 ? null : int.Parse(s);
}
