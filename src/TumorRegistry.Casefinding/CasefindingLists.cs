using System.Globalization;
using TumorRegistry.Standards;

namespace TumorRegistry.Casefinding;

public sealed record Icd10CmRange(string From, string To, bool Reportable, string Note)
{
    public bool Covers(string code) =>
        string.CompareOrdinal(code[..Math.Min(code.Length, From.Length)], From) >= 0 &&
        string.CompareOrdinal(code[..Math.Min(code.Length, To.Length)], To) <= 0;
}

public sealed record IcdO3Rule(int HistologyFrom, int HistologyTo, string Behaviors, string SiteFrom, string SiteTo, bool Reportable, string Note)
{
    public bool Covers(int histology, char behavior, string site) =>
        histology >= HistologyFrom && histology <= HistologyTo && Behaviors.Contains(behavior) &&
        string.CompareOrdinal(site, SiteFrom) >= 0 && string.CompareOrdinal(site, SiteTo) <= 0;
}

public sealed record ReportTerm(string Term, string Kind);

/// <summary>The casefinding lists of data/reference/casefinding, loaded once (they are read-only).</summary>
public sealed class CasefindingLists
{
    public required IReadOnlyList<Icd10CmRange> Icd10Cm { get; init; }
    public required IReadOnlyList<IcdO3Rule> IcdO3 { get; init; }
    public required IReadOnlyList<ReportTerm> Terms { get; init; }
    /// <summary>(system, code) to NAACCR Laterality.</summary>
    public required IReadOnlyDictionary<(string, string), string> Laterality { get; init; }
    /// <summary>(hl7v2|fhir, code) to NAACCR Sex.</summary>
    public required IReadOnlyDictionary<(string, string), string> Sex { get; init; }
    /// <summary>LOINC code of an OBX to its role (diagnosis, text, histology, site).</summary>
    public required IReadOnlyDictionary<string, string> ObxRoles { get; init; }

    private static readonly Lazy<CasefindingLists> Shipped = new(() => Load(name => ReferenceData.OpenText("reference", "casefinding", name)));
    public static CasefindingLists Default => Shipped.Value;

    public static CasefindingLists Load(Func<string, TextReader> open) => new()
    {
        Icd10Cm = Rows(open("icd10cm-reportable.csv"), r => new Icd10CmRange(r("code_from"), r("code_to"), r("reportable") == "yes", r("note"))),
        IcdO3 = Rows(open("icdo3-reportable.csv"), r => new IcdO3Rule(int.Parse(r("histology_from"), CultureInfo.InvariantCulture),
            int.Parse(r("histology_to"), CultureInfo.InvariantCulture), r("behaviors"), r("site_from"), r("site_to"), r("reportable") == "yes", r("note"))),
        Terms = Rows(open("reportable-terms.csv"), r => new ReportTerm(r("term"), r("kind"))),
        Laterality = Rows(open("laterality-codes.csv"), r => (r("system"), r("code"), r("laterality"))).ToDictionary(x => (x.Item1, x.Item2), x => x.Item3),
        Sex = Rows(open("sex-codes.csv"), r => (r("system"), r("code"), r("sex"))).ToDictionary(x => (x.Item1, x.Item2), x => x.Item3),
        ObxRoles = Rows(open("hl7v2-obx-codes.csv"), r => (r("loinc"), r("role"))).ToDictionary(x => x.Item1, x => x.Item2),
    };

    // The lists are small, comma-separated with "quoted" fields and # comment lines: read here, not worth a CSV library's setup.
    private static List<T> Rows<T>(TextReader text, Func<Func<string, string>, T> map)
    {
        using (text)
        {
            var lines = new List<string>();
            while (text.ReadLine() is { } line) if (line.Length > 0 && line[0] != '#') lines.Add(line);
            var header = Fields(lines[0]);
            return lines.Skip(1).Select(Fields).Select(f => map(name => f[header.IndexOf(name)])).ToList();
        }
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
