namespace TumorRegistry.Domain.Primaries;

/// <summary>
/// The tests an M rule can run (the "kind" column of rules.csv), each Yes / No / Unknown with the missing fact.
/// The manual's rules reuse a few shapes (laterality, topography characters, timing, table rows, behavior order),
/// so each shape is code once and every module's rule is a row of data.
/// </summary>
sealed class RuleTests(PrimaryRuleBook book)
{
    static readonly (Tri, string) No = (Tri.No, "");
    static readonly (Tri, string) Yes = (Tri.Yes, "");

    public (Tri Applies, string Why) Run(MRule rule, TumorFacts a, TumorFacts b) => rule.Kind switch
    {
        "laterality" => Laterality(CodeRanges.Parse(rule.Param), a, b),
        "laterality-any" => SidesDiffer(a, b),
        "topography-groups" => TopographyGroups(rule.Param, a, b),
        "topography-23" => Of(a.PrimarySite[1..3] != b.PrimarySite[1..3]),
        "topography-4" => Of(Both(CodeRanges.Parse(rule.Param), a, b) && a.PrimarySite[3] != b.PrimarySite[3]),
        "topography-234" => Of(a.PrimarySite[1..4] != b.PrimarySite[1..4]),
        "timing-more-than" => Timing(a.Diagnosis.IsMoreThanApart(b.Diagnosis, Interval.Parse(rule.Param))),
        "rows-differ" => RowsDiffer(rule.Param, a, b, missingIsUnknown: true),
        "rows-differ-known" => RowsDiffer(rule.Param, a, b, missingIsUnknown: false),
        "row-groups-differ" => RowGroupsDiffer(rule.Param, a, b),
        "histology-either" => Of(Codes(rule.Param).Overlaps([a.Histology, b.Histology])),
        "histology-both" => Of(Codes(rule.Param).Contains(a.Histology) && Codes(rule.Param).Contains(b.Histology)),
        "site-histology-both" => SiteHistologyBoth(rule.Param, a, b),
        "site-rows-within" => SiteRowsWithin(rule.Param, a, b),
        "invasive-after-in-situ" => InvasiveAfterInSitu(Interval.Parse(rule.Param), a, b),
        "in-situ-after-invasive" => InSituAfterInvasive(a, b),
        "invasive-within" => InvasiveWithin(Interval.Parse(rule.Param), a, b),
        "histology-3-differ" => Of(a.Histology[..3] != b.Histology[..3]),
        "same-histology" => Of(a.Histology == b.Histology),
        "transformation-within" => Transformation(a, b, (c, x) => Not(Timing(c.Diagnosis.IsMoreThanApart(x.Diagnosis, Interval.Parse(rule.Param))))),
        "transformation" => Transformation(a, b, (c, x) => Timing(x.Diagnosis.IsMoreThanAfter(c.Diagnosis, Interval.Parse(rule.Param)))),
        "acute-then-chronic" => Transformation(a, b, (c, x) => Timing(c.Diagnosis.IsAfter(x.Diagnosis))),
        "needs-database" => (Tri.Yes, "needs the Hematopoietic Database"),
        "otherwise" => Yes,
        _ => throw new InvalidOperationException($"rules.csv: {rule.Module} {rule.Id}: unknown kind '{rule.Kind}'"),
    };

    static (Tri, string) Of(bool b) => b ? Yes : No;
    static (Tri, string) Not((Tri t, string why) r) => r.t switch { Tri.Yes => No, Tri.No => Yes, _ => r };
    static (Tri, string) Timing(Tri t) => t == Tri.Unknown ? (t, "a date of diagnosis is unknown or too partial to tell") : (t, "");
    static HashSet<string> Codes(string param) => param.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    static bool Both(CodeRanges sites, TumorFacts a, TumorFacts b) => sites.Contains(a.PrimarySite) && sites.Contains(b.PrimarySite);

    /// <summary>Right (1) and left (2) of the same paired site (same first three characters); 3 or 9 cannot be told.</summary>
    static (Tri, string) Laterality(CodeRanges paired, TumorFacts a, TumorFacts b)
    {
        if (!Both(paired, a, b) || a.PrimarySite[..3] != b.PrimarySite[..3]) return No;
        if (a.Laterality == "0" || b.Laterality == "0") return No; // coded as not a paired organ (e.g. nasal septum)
        if (a.Laterality is "3" or "9" || b.Laterality is "3" or "9")
            return (Tri.Unknown, $"laterality of a paired site is {(a.Laterality is "3" or "9" ? a.Laterality : b.Laterality)} (side not known)");
        return Of((a.Laterality, b.Laterality) is ("1", "2") or ("2", "1"));
    }

    /// <summary>Melanoma: right, left and midline (5, or 0 where the site has no sides) are different sides.</summary>
    static (Tri, string) SidesDiffer(TumorFacts a, TumorFacts b)
    {
        static string Side(string l) => l == "0" ? "5" : l;
        var (x, y) = (Side(a.Laterality), Side(b.Laterality));
        if (x == "4" || y == "4") return No;
        if (x is "3" or "9" || y is "3" or "9") return (Tri.Unknown, "laterality is unknown (3 or 9)");
        return Of(x != y);
    }

    static (Tri, string) TopographyGroups(string param, TumorFacts a, TumorFacts b)
    {
        var groups = param.Split('|').Select(Codes).ToArray();
        return Of(groups[0].Contains(a.PrimarySite) && groups[1].Contains(b.PrimarySite)
               || groups[1].Contains(a.PrimarySite) && groups[0].Contains(b.PrimarySite));
    }

    HistologyRow? Row(string table, TumorFacts t) => book.Rows.FirstOrDefault(r => r.Table == table && r.Codes.Contains(t.Histology));

    (Tri, string) RowsDiffer(string table, TumorFacts a, TumorFacts b, bool missingIsUnknown)
    {
        var (x, y) = (Row(table, a), Row(table, b));
        if (x is null || y is null)
            return missingIsUnknown
                ? (Tri.Unknown, $"histology {(x is null ? a.Histology : b.Histology)} is on no row of the shipped {table}")
                : No;
        return Of(x.Row != y.Row);
    }

    /// <summary>One tumor on a row of the first group and the other on a row of the second (a row may be in both).</summary>
    (Tri, string) RowGroupsDiffer(string param, TumorFacts a, TumorFacts b)
    {
        var p = param.Split(';');
        var groups = p[1].Split('|');
        string[] Of_(TumorFacts t) => (Row(p[0], t)?.Group ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (x, y) = (Of_(a), Of_(b));
        return Of(x.Contains(groups[0]) && y.Contains(groups[1]) || x.Contains(groups[1]) && y.Contains(groups[0]));
    }

    static (Tri, string) SiteHistologyBoth(string param, TumorFacts a, TumorFacts b)
    {
        var p = param.Split(';');
        var codes = Codes(p[1]);
        return Of(Both(CodeRanges.Parse(p[0]), a, b) && codes.Contains(a.Histology) && codes.Contains(b.Histology));
    }

    (Tri, string) SiteRowsWithin(string param, TumorFacts a, TumorFacts b)
    {
        var p = param.Split(';');
        if (!Both(CodeRanges.Parse(p[0]), a, b) || Row(p[1], a)?.Row != p[2] || Row(p[1], b)?.Row != p[2]) return No;
        return Not(Timing(a.Diagnosis.IsMoreThanApart(b.Diagnosis, Interval.Parse(p[3]))));
    }

    static (TumorFacts InSitu, TumorFacts Invasive)? InSituAndInvasive(TumorFacts a, TumorFacts b) =>
        a.InSitu && b.Invasive ? (a, b) : b.InSitu && a.Invasive ? (b, a) : null;

    static (Tri, string) InvasiveAfterInSitu(Interval gap, TumorFacts a, TumorFacts b) =>
        InSituAndInvasive(a, b) is { } p ? Timing(p.Invasive.Diagnosis.IsMoreThanAfter(p.InSitu.Diagnosis, gap)) : No;

    static (Tri, string) InSituAfterInvasive(TumorFacts a, TumorFacts b) =>
        InSituAndInvasive(a, b) is { } p ? Timing(p.InSitu.Diagnosis.IsAfter(p.Invasive.Diagnosis)) : No;

    /// <summary>In situ then invasive within the span (or the same day): rules before have taken the other orders.</summary>
    static (Tri, string) InvasiveWithin(Interval gap, TumorFacts a, TumorFacts b)
    {
        if (InSituAndInvasive(a, b) is not { } p) return No;
        var later = Not(Timing(p.Invasive.Diagnosis.IsMoreThanAfter(p.InSitu.Diagnosis, gap)));
        var before = Not(Timing(p.InSitu.Diagnosis.IsAfter(p.Invasive.Diagnosis)));
        if (later.Item1 == Tri.No || before.Item1 == Tri.No) return No;
        return later.Item1 == Tri.Unknown ? later : before;
    }

    /// <summary>Runs <paramref name="test"/>(chronic, acute) when the pair is a listed transformation.</summary>
    (Tri, string) Transformation(TumorFacts a, TumorFacts b, Func<TumorFacts, TumorFacts, (Tri, string)> test)
    {
        foreach (var t in book.Transformations)
        {
            if (t.Chronic == a.Histology && t.Acute == b.Histology) return test(a, b);
            if (t.Chronic == b.Histology && t.Acute == a.Histology) return test(b, a);
        }
        return No;
    }
}
