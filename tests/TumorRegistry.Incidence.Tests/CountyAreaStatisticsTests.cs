using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

/// <summary>SIRs and the scan from incidence-table inputs: a synthetic New Mexico with melanoma doubled in three adjacent counties.</summary>
public class CountyAreaStatisticsTests
{
    const string Site = "Melanoma of the Skin";
    static readonly string[] PlantedCounties = ["35053", "35057", "35061"]; // Socorro, Torrance, Valencia: adjacent

    static (IncidenceTable Table, List<CaseCount> Cases, IReadOnlyList<PopulationCell> Pop) Build()
    {
        var records = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            StatePostal = "NM", StateFips = "35", Counties = 31, FirstYear = 2016, LastYear = 2020, CountySize = (2_000, 300_000),
        });
        var pop = SeerPopulationFile.ToCells(records);
        // Double the melanoma counts of the planted counties; add cases of unknown county (state row only).
        var cases = SyntheticCases.Generate(pop).Select(c => c.SiteGroup == Site && PlantedCounties.Contains(c.CountyFips) ? c with { Count = c.Count * 2 } : c).ToList();
        cases.Add(new CaseCount("35999", Site, Sex.Female, "Non-Hispanic White", 2018, 14, 7));
        var names = new Dictionary<string, string>(GeographyTests.Map.CountyNames("35")) { ["35"] = "New Mexico" };
        var table = IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = IncidenceTableTests.Std, FirstYear = 2016, LastYear = 2020, SiteGroups = [Site], AreaNames = names,
        }, cases, pop);
        return (table, cases, pop);
    }

    [Fact]
    public void County_sirs_use_the_state_rates_by_age_and_follow_the_table_suppression()
    {
        var (table, cases, pop) = Build();
        var stats = CountyAreaStatisticsBuilder.Build(table, cases, pop, Site);
        Assert.Equal(31, stats.Sirs.Count);
        var stateCases = new long[19]; var statePop = new double[19]; var o = new long[19]; var n = new double[19];
        foreach (var c in cases.Where(c => c.SiteGroup == Site)) { stateCases[c.AgeGroup] += c.Count; if (c.CountyFips == "35013") o[c.AgeGroup] += c.Count; }
        foreach (var p in pop) { statePop[p.AgeGroup] += p.Population; if (p.CountyFips == "35013") n[p.AgeGroup] += p.Population; }
        double expected = Enumerable.Range(0, 19).Sum(i => n[i] * stateCases[i] / statePop[i]);
        var donaAna = stats.Sirs.Single(s => s.Sir.Fips == "35013").Sir;
        Assert.Equal("Doña Ana", donaAna.Name);
        Assert.Equal(o.Sum(), donaAna.Observed);
        Assert.Equal(expected, donaAna.Expected, 8);
        // The unknown-county cases count in the state's rates, so the counties' E add up to more than their O.
        Assert.True(stats.Sirs.Sum(s => s.Sir.Expected) > stats.Sirs.Sum(s => s.Sir.Observed));
        Assert.All(PlantedCounties, f => Assert.True(stats.Sirs.Single(s => s.Sir.Fips == f).Sir.Ratio > 1.3)); // about 2 / 1.1: the state rates include the excess

        var hidden = table.Rows.Where(r => !r.IsAreaTotal && r.Suppression != SuppressionMark.None).Select(r => r.AreaFips).ToHashSet();
        Assert.NotEmpty(hidden);
        Assert.Equal(hidden, stats.Sirs.Where(s => s.Suppression != SuppressionMark.None).Select(s => s.Sir.Fips).ToHashSet());
        var csv = AreaStatisticsWriter.ToCsv([stats]).Split('\n');
        foreach (var fips in hidden)
        {
            var fields = TumorRegistry.Standards.Codes.Csv.Split(csv.Single(l => l.StartsWith(fips + ",", StringComparison.Ordinal)));
            Assert.Equal(["*", "*", "*", "*", "*"], new[] { fields[5], fields[7], fields[8], fields[9], fields[10] });
        }
    }

    [Fact]
    public void Scan_over_county_centroids_finds_the_planted_counties()
    {
        var (table, cases, pop) = Build();
        var stats = CountyAreaStatisticsBuilder.Build(table, cases, pop, Site, map: GeographyTests.Map, scan: new ScanOptions { Seed = 2026 });
        var top = stats.Scan!.Clusters[0];
        Assert.True(top.PValue < 0.05, $"p = {top.PValue}");
        Assert.Superset(PlantedCounties.ToHashSet(), top.AreaIds.ToHashSet());
        Assert.True(top.AreaIds.Count <= PlantedCounties.Length + 2, string.Join(' ', top.AreaIds));
        var json = AreaStatisticsWriter.ToJson([stats]);
        Assert.Contains("\"name\": \"Bernalillo\"", json);
        var html = AreaStatisticsWriter.ToHtml([stats], "NM melanoma", GeographyTests.Map, "35");
        Assert.Contains("class=\"clusters\"", html);
        Assert.Contains("class=\"choropleth\"", html);
    }

    [Fact]
    public void Sirs_by_sex_use_that_sexs_state_rates_and_the_table_rows_of_that_sex()
    {
        var (_, cases, pop) = Build();
        var names = new Dictionary<string, string>(GeographyTests.Map.CountyNames("35")) { ["35"] = "New Mexico" };
        var table = IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = IncidenceTableTests.Std, FirstYear = 2016, LastYear = 2020, SiteGroups = [Site], AreaNames = names, BySex = true,
        }, cases, pop);
        foreach (var sex in new[] { Sex.Male, Sex.Female })
        {
            var stats = CountyAreaStatisticsBuilder.Build(table, cases, pop, Site, sex);
            Assert.Equal(sex.ToString(), stats.Sex);
            var mine = cases.Where(c => c.SiteGroup == Site && c.Sex == sex).ToList();
            var stateCases = new long[19]; var statePop = new double[19]; var n = new double[19];
            foreach (var c in mine) stateCases[c.AgeGroup] += c.Count;
            foreach (var p in pop.Where(p => p.Sex == sex)) { statePop[p.AgeGroup] += p.Population; if (p.CountyFips == "35001") n[p.AgeGroup] += p.Population; }
            var bernalillo = stats.Sirs.Single(s => s.Sir.Fips == "35001");
            Assert.Equal(mine.Where(c => c.CountyFips == "35001").Sum(c => c.Count), bernalillo.Sir.Observed);
            Assert.Equal(Enumerable.Range(0, 19).Sum(i => statePop[i] > 0 ? n[i] * stateCases[i] / statePop[i] : 0), bernalillo.Sir.Expected, 8);
            // Against that sex's own state rates, the counties' expected cases add up to all of its state cases (unknown county included).
            Assert.Equal(mine.Sum(c => c.Count), stats.Sirs.Sum(s => s.Sir.Expected), 6);
            var rows = table.Rows.Where(r => r.Sex == sex.ToString() && !r.IsAreaTotal).ToDictionary(r => r.AreaFips, r => r.Suppression);
            Assert.All(stats.Sirs, s => Assert.Equal(rows[s.Sir.Fips], s.Suppression));
        }
    }
}
