namespace TumorRegistry.Infrastructure.Survival;

/// <summary>What a survival curve can be split by (one curve per value, log-rank across them).</summary>
public enum Stratification { None, Site, Stage, Sex, AgeGroup, Race, Year, Facility, County }

/// <summary>An age range in completed years at diagnosis; <see cref="To"/> null means "and older".</summary>
public sealed record AgeRange(int From, int? To)
{
    public bool Contains(int age) => age >= From && (To is null || age <= To);
    public override string ToString() => To is null ? $"{From}+" : $"{From}-{To}";
}

/// <summary>
/// Which cases a survival report covers. Empty lists mean "no restriction". Every filter is pushed into SQL;
/// duplicate cases are always left out (they are the same tumor counted twice).
/// </summary>
public sealed record CohortDefinition
{
    /// <summary>SEER site recode 2023 leaf codes (parent groups already expanded).</summary>
    public IReadOnlyList<string> SiteRecodes { get; init; } = [];
    /// <summary>Summary Stage 2018 codes.</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];
    /// <summary>Sex codes as stored in patients.sex.</summary>
    public IReadOnlyList<string> Sexes { get; init; } = [];
    /// <summary>Race 1 codes.</summary>
    public IReadOnlyList<string> Races { get; init; } = [];
    public IReadOnlyList<AgeRange> Ages { get; init; } = [];
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    /// <summary>Reporting facility codes.</summary>
    public IReadOnlyList<string> Facilities { get; init; } = [];
    /// <summary>State at diagnosis (postal code).</summary>
    public IReadOnlyList<string> States { get; init; } = [];
    /// <summary>County at diagnosis (3-digit FIPS).</summary>
    public IReadOnlyList<string> Counties { get; init; } = [];
    /// <summary>ICD-O-3 histology codes or ranges ("8140", "8500-8549").</summary>
    public IReadOnlyList<string> Histologies { get; init; } = [];
    /// <summary>ICD-O-3 behaviour codes (2 in situ, 3 malignant...).</summary>
    public IReadOnlyList<string> Behaviors { get; init; } = [];
    /// <summary>Patient vital status codes (0 dead, 1 alive).</summary>
    public IReadOnlyList<string> VitalStatuses { get; init; } = [];
    public Stratification Stratify { get; init; } = Stratification.None;
    /// <summary>Age groups used when stratifying by age.</summary>
    public AgeGrouping AgeGroups { get; init; } = AgeGrouping.Broad;
}

/// <summary>Age groupings epidemiologists report by.</summary>
public sealed record AgeGrouping(string Name, IReadOnlyList<AgeRange> Groups)
{
    /// <summary>0-49, 50-64, 65-74, 75+ (the broad groups of SEER survival tables).</summary>
    public static readonly AgeGrouping Broad = new("broad", [new(0, 49), new(50, 64), new(65, 74), new(75, null)]);

    /// <summary>00-04 ... 80-84, 85+ (the standard population's 5-year groups).</summary>
    public static readonly AgeGrouping FiveYear = new("5y",
        Enumerable.Range(0, 17).Select(i => new AgeRange(5 * i, 5 * i + 4)).Append(new AgeRange(85, null)).ToArray());

    /// <summary>Label of the group an age falls in, padded so groups sort in age order.</summary>
    public string LabelOf(int? age)
    {
        if (age is null) return "age unknown";
        var g = Groups.FirstOrDefault(r => r.Contains(age.Value));
        return g is null ? "age unknown" : g.To is null ? $"{g.From:D2}+" : $"{g.From:D2}-{g.To:D2}";
    }
}
