using System.Text.Json;

namespace TumorRegistry.Domain.FollowUp;

/// <summary>A range of codes compared as text (ICD-O-3 sites and histologies have a fixed width).</summary>
public sealed record CodeRange(string From, string To)
{
    public bool Contains(string? code) => code is { Length: > 0 } c && c.Length == From.Length
        && string.CompareOrdinal(c, From) >= 0 && string.CompareOrdinal(c, To) <= 0;
}

/// <summary>A CoC notice that removes cases diagnosed in a range from follow-up from its effective date on.</summary>
public sealed record FollowUpNotice(string Name, DateOnly Effective, DateOnly DiagnosedFrom, DateOnly DiagnosedTo);

/// <summary>
/// The CoC follow-up exclusions as data (data/reference/coc/follow-up-exclusions.json, sources in the file and in
/// docs/follow-up.md). Parsed here from text; the hosts load the shipped file.
/// </summary>
public sealed record FollowUpRules(
    IReadOnlySet<string> BenignBorderlineBehaviors,
    CodeRange CervixSites, IReadOnlySet<string> CervixInSituBehaviors,
    CodeRange SkinSites, CodeRange SkinHistologies, IReadOnlySet<string> SkinInSituBehaviors, IReadOnlySet<string> SkinLocalizedStages,
    IReadOnlySet<string> ForeignNextFollowUpSources, IReadOnlySet<string> CountriesNotForeign,
    int OldAgeYears, int OldAgeWithoutContactMonths,
    IReadOnlyList<FollowUpNotice> Notices)
{
    /// <summary>No exclusion beyond analytic and duplicate (what the registry did before the rules were loaded).</summary>
    public static FollowUpRules None { get; } = new(new HashSet<string>(), new("C999", "C999"), new HashSet<string>(),
        new("C999", "C999"), new("9999", "9999"), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(),
        new HashSet<string>(), int.MaxValue, 0, []);

    public static FollowUpRules Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        static HashSet<string> Set(JsonElement e, string name) =>
            e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal);
        static CodeRange Range(JsonElement e, string prefix) =>
            new(e.GetProperty(prefix + "From").GetString()!, e.GetProperty(prefix + "To").GetString()!);
        static DateOnly Date(JsonElement e, string name) => DateOnly.ParseExact(e.GetProperty(name).GetString()!, "yyyy-MM-dd");
        var (cervix, skin, foreign, age) = (r.GetProperty("inSituCervix"), r.GetProperty("skinBasalSquamous"),
            r.GetProperty("foreignResidents"), r.GetProperty("oldAge"));
        return new FollowUpRules(
            Set(r.GetProperty("benignBorderline"), "behaviors"),
            Range(cervix, "site"), Set(cervix, "behaviors"),
            Range(skin, "site"), Range(skin, "histology"), Set(skin, "inSituBehaviors"), Set(skin, "localizedSummaryStages"),
            Set(foreign, "nextFollowUpSources"), Set(foreign, "countriesNotForeign"),
            age.GetProperty("years").GetInt32(), age.GetProperty("withoutContactMonths").GetInt32(),
            r.GetProperty("notices").EnumerateArray().Select(n => new FollowUpNotice(n.GetProperty("name").GetString()!,
                Date(n, "effective"), Date(n, "diagnosedFrom"), Date(n, "diagnosedTo"))).ToList());
    }
}
