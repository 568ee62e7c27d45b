using System.Globalization;
using TumorRegistry.Incidence.Geography;

namespace TumorRegistry.Synthetic;

/// <summary>Summary stage groups as SEER publishes survival by them (the generator's strata).</summary>
public enum StageGroup { InSitu, Localized, Regional, Distant, Unknown }

/// <summary>One site in one sex: its share of new cases, its codes, median age, stage mix and 5-year relative survival.</summary>
public sealed record SiteProfile(string Site, string Sex, double Share, string PrimarySite, string Histology, string Behavior, bool Paired,
    double MedianAge, double[] StageShares, double[] RelativeSurvival5, double RelativeSurvival5AllStages, string CauseOfDeath)
{
    /// <summary>A genital site of one sex: the planted sex error swaps the patient's sex.</summary>
    public bool SexSpecific { get; init; }
}

public sealed record County(string Fips, string Name, long Population);

public sealed record GivenName(string Name, string Sex, string Nickname);

/// <summary>One race and origin group of the state: its NAACCR Race 1 code, its SEER population race code, its share.</summary>
public sealed record RaceOrigin(string Race1, int SeerRace, bool Hispanic, double Share);

/// <summary>The published figures the generator draws from, loaded from data/synthetic (see its CSV headers for sources).</summary>
public sealed class SyntheticData
{
    public required IReadOnlyList<SiteProfile> Sites { get; init; }
    public required IReadOnlyList<County> Counties { get; init; }
    public required string StateFips { get; init; }
    public required string StatePostal { get; init; }
    public required IReadOnlyList<GivenName> GivenNames { get; init; }
    public required IReadOnlyList<string> FamilyNames { get; init; }
    public required IReadOnlyList<RaceOrigin> RaceMix { get; init; }

    private static readonly Lazy<SyntheticData> Shipped = new(() => Load(Path.Combine(AppContext.BaseDirectory, "synthetic"), CountyMap.Load()));

    /// <summary>New Mexico's counties and the shipped site profiles.</summary>
    public static SyntheticData NewMexico => Shipped.Value;

    public static SyntheticData Load(string folder, CountyMap map)
    {
        var sites = Rows(Path.Combine(folder, "sites.csv")).Select(r => new SiteProfile(r["site"], r["sex"], D(r["share"]), r["primary_site"],
            r["histology"], r["behavior"], r["paired"] == "1", D(r["median_age"]),
            [D(r["insitu"]), D(r["loc"]), D(r["reg"]), D(r["dist"]), D(r["unk"])],
            [D(r["rs_insitu"]) / 100, D(r["rs_loc"]) / 100, D(r["rs_reg"]) / 100, D(r["rs_dist"]) / 100, D(r["rs_unk"]) / 100],
            D(r["rs_all"]) / 100, r["cause"]) { SexSpecific = r["genital"] == "1" }).ToList();
        var populations = Rows(Path.Combine(folder, "counties-35.csv")).ToList();
        var stateFips = populations[0]["county_fips"][..2];
        var names = map.CountyNames(stateFips);
        var counties = populations.Select(r => new County(r["county_fips"],
            names.TryGetValue(r["county_fips"], out var n) ? n : throw new InvalidDataException($"counties-35.csv: county {r["county_fips"]} is not in the county boundaries."),
            long.Parse(r["population"], CultureInfo.InvariantCulture))).ToList();
        var people = Rows(Path.Combine(folder, "names.csv")).ToList();
        return new SyntheticData
        {
            Sites = sites, Counties = counties, StateFips = stateFips, StatePostal = "NM",
            GivenNames = people.Where(r => r["kind"] == "given").Select(r => new GivenName(r["name"], r["sex"], r["nickname"])).ToList(),
            FamilyNames = people.Where(r => r["kind"] == "family").Select(r => r["name"]).ToList(),
            RaceMix = Rows(Path.Combine(folder, "race-origin-35.csv"))
                .Select(r => new RaceOrigin(r["race1"], int.Parse(r["seer_race"], CultureInfo.InvariantCulture), r["origin"] == "1", D(r["share"]))).ToList(),
        };
    }

    // The files are plain comma-separated values without quoting; '#' lines are their source notes.
    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        string[]? header = null;
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var cells = text.Split(',');
            if (header is null) { header = cells; continue; }
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{Path.GetFileName(path)} line {line}: {cells.Length} cells, the header has {header.Length}.");
            yield return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
