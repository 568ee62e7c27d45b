using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Rates;
using TumorRegistry.Incidence.Standards;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

public class IncidenceTableTests
{
    internal static readonly StandardPopulation Std = StandardPopulation.Us2000();

    internal static (IReadOnlyList<PopulationCell> Pop, IReadOnlyList<CaseCount> Cases) Demo(int counties = 5)
    {
        var records = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Counties = counties, FirstYear = 2016, LastYear = 2020 });
        var pop = SeerPopulationFile.ToCells(records);
        return (pop, SyntheticCases.Generate(pop));
    }

    static IncidenceTableRequest Request(bool bySex = false, bool byRace = false, PeriodMode periods = PeriodMode.Pooled) => new()
    {
        Standard = Std, FirstYear = 2016, LastYear = 2020, BySex = bySex, ByRace = byRace, Periods = periods,
        SexSpecificSites = new Dictionary<string, Sex> { ["Prostate"] = Sex.Male, ["Female Breast"] = Sex.Female },
    };

    [Fact]
    public void Pooled_county_rates_equal_direct_standardization_of_the_summed_counts()
    {
        var (pop, cases) = Demo();
        var table = IncidenceTableBuilder.Build(Request(), cases, pop);
        var row = table.Rows.First(r => r.AreaFips == "97001" && r.SiteGroup == "Lung and Bronchus");
        Assert.Equal(SuppressionMark.None, row.Suppression);
        var c = new long[19];
        var p = new double[19];
        foreach (var x in cases.Where(x => x.CountyFips == "97001" && x.SiteGroup == "Lung and Bronchus")) c[x.AgeGroup] += x.Count;
        foreach (var x in pop.Where(x => x.CountyFips == "97001")) p[x.AgeGroup] += x.Population;
        var expected = AgeAdjustedRates.Compute(c, p, Std.Weights);
        Assert.Equal(c.Sum(), row.Count);
        Assert.Equal(c.Sum() / 5.0, row.AverageAnnualCount);
        Assert.Equal(p.Sum(), row.Population);
        Assert.Equal(expected.Rate, row.AgeAdjustedRate!.Value, 10);
        Assert.Equal(expected.Tiwari, row.Interval);
        Assert.Equal(c.Sum() / p.Sum() * 1e5, row.CrudeRate!.Value, 10);
        Assert.Equal("2016-2020", row.Period);
        Assert.NotNull(row.Trend);
        Assert.Equal(5, row.Trend.Years);
    }

    [Fact]
    public void State_row_comes_first_and_sums_its_counties()
    {
        var (pop, cases) = Demo();
        var table = IncidenceTableBuilder.Build(Request() with { SuppressionThreshold = 0 }, cases, pop);
        var lung = table.Rows.Where(r => r.SiteGroup == "Lung and Bronchus").ToList();
        Assert.Equal("97", lung[0].AreaFips);
        Assert.True(lung[0].IsAreaTotal);
        Assert.Equal(lung.Skip(1).Sum(r => r.Count), lung[0].Count);
        Assert.Equal(lung.Skip(1).Sum(r => r.Population), lung[0].Population);
        Assert.Equal(["97", "97001", "97003", "97005", "97007", "97009"], lung.Select(r => r.AreaFips));
    }

    [Fact]
    public void Sex_specific_sites_use_only_that_sex_and_its_population()
    {
        var (pop, cases) = Demo();
        var table = IncidenceTableBuilder.Build(Request(bySex: true), cases, pop);
        var prostate = table.Rows.Where(r => r.SiteGroup == "Prostate").ToList();
        Assert.All(prostate, r => Assert.Equal("Male", r.Sex));
        double malePop = pop.Where(p => p.Sex == Sex.Male && p.CountyFips.StartsWith("97")).Sum(p => p.Population);
        Assert.Equal(malePop, prostate.Single(r => r.AreaFips == "97").Population);
        Assert.Equal(3, table.Rows.Where(r => r.SiteGroup == "Lung and Bronchus" && r.AreaFips == "97").Count());
    }

    [Fact]
    public void Single_years_give_one_period_per_year_without_trend()
    {
        var (pop, cases) = Demo(2);
        var table = IncidenceTableBuilder.Build(Request(periods: PeriodMode.SingleYears), cases, pop);
        var state = table.Rows.Where(r => r.SiteGroup == "Colon and Rectum" && r.AreaFips == "97").ToList();
        Assert.Equal(["2016", "2017", "2018", "2019", "2020"], state.Select(r => r.Period));
        Assert.All(state, r => Assert.Null(r.Trend));
        Assert.All(state, r => Assert.Equal(r.Count, r.AverageAnnualCount is double a ? (long)a : null));
    }

    [Fact]
    public void No_suppressed_count_is_shown_or_recoverable_from_the_table_totals()
    {
        var (pop, cases) = Demo(6);
        var table = IncidenceTableBuilder.Build(Request(bySex: true, byRace: true), cases, pop);
        Assert.Contains(table.Rows, r => r.Suppression == SuppressionMark.Primary);
        Assert.Contains(table.Rows, r => r.Suppression == SuppressionMark.Complementary);
        foreach (var r in table.Rows.Where(r => r.Suppression != SuppressionMark.None))
        {
            Assert.Null(r.Count);
            Assert.Null(r.AverageAnnualCount);
            Assert.Null(r.CrudeRate);
            Assert.Null(r.AgeAdjustedRate);
            Assert.Null(r.Interval);
            Assert.Null(r.Trend);
        }
        AssertEveryBlockProtected(cases, table, r => (r.SiteGroup, r.Period));
    }

    [Fact]
    public void Single_years_published_with_their_pooled_total_are_protected_together()
    {
        var (pop, cases) = Demo(4);
        var table = IncidenceTableBuilder.Build(Request(bySex: true, periods: PeriodMode.SingleYearsAndPooled), cases, pop);
        var periods = table.Rows.Where(r => r.SiteGroup == "Lung and Bronchus" && r.AreaFips == "97" && r.Sex == "Male").Select(r => r.Period);
        Assert.Equal(["2016", "2017", "2018", "2019", "2020", "2016-2020"], periods);
        Assert.Contains(table.Rows, r => r.Suppression == SuppressionMark.Complementary);
        Assert.All(table.Rows.Where(r => r.Period == "2016-2020" && r.Count != null), r => Assert.NotNull(r.Trend));
        AssertEveryBlockProtected(cases, table, r => (r.SiteGroup, ""));
    }

    static void AssertEveryBlockProtected(IReadOnlyList<CaseCount> cases, IncidenceTable table, Func<IncidenceRow, (string, string)> blockOf)
    {
        // Recompute every row's true count from the inputs, then check each block independently.
        foreach (var block in table.Rows.GroupBy(blockOf))
        {
            var rows = block.ToList();
            var truth = rows.Select(r => TrueCount(cases, r)).ToList();
            for (int i = 0; i < rows.Count; i++)
                if (rows[i].Count is long shown) Assert.Equal(truth[i], shown);
                else Assert.NotEqual(SuppressionMark.None, rows[i].Suppression);
            SuppressionTests.AssertProtected(truth, RelationsOf(rows), rows.Select(r => r.Suppression).ToArray(), 16);
        }
    }

    static long TrueCount(IReadOnlyList<CaseCount> cases, IncidenceRow r) => cases.Where(c =>
            c.SiteGroup == r.SiteGroup && c.CountyFips.StartsWith(r.AreaFips, StringComparison.Ordinal)
            && (r.Sex == IncidenceTable.BothSexes || c.Sex.ToString() == r.Sex)
            && (r.RaceEthnicity == RaceEthnicity.AllRaces || c.RaceEthnicity == r.RaceEthnicity)
            && c.Year >= r.FirstYear && c.Year <= r.LastYear).Sum(c => c.Count);

    // The relations a reader can form from the published rows, derived here from the row labels alone.
    static List<int[]> RelationsOf(List<IncidenceRow> rows)
    {
        var relations = new List<int[]>();
        for (int i = 0; i < rows.Count; i++)
        {
            var t = rows[i];
            int[] Parts(Func<IncidenceRow, bool> part) => rows.Select((r, j) => (r, j)).Where(x => part(x.r)).Select(x => x.j).ToArray();
            bool Same(IncidenceRow r) => r.Period == t.Period;
            if (t.IsAreaTotal)
                relations.Add([i, .. Parts(r => !r.IsAreaTotal && r.Sex == t.Sex && r.RaceEthnicity == t.RaceEthnicity && Same(r))]);
            if (t.Sex == IncidenceTable.BothSexes)
                relations.Add([i, .. Parts(r => r.AreaFips == t.AreaFips && r.Sex != t.Sex && r.RaceEthnicity == t.RaceEthnicity && Same(r))]);
            if (t.RaceEthnicity == RaceEthnicity.AllRaces)
                relations.Add([i, .. Parts(r => r.AreaFips == t.AreaFips && r.Sex == t.Sex && r.RaceEthnicity != t.RaceEthnicity && Same(r))]);
            if (t.LastYear > t.FirstYear)
                relations.Add([i, .. Parts(r => r.AreaFips == t.AreaFips && r.Sex == t.Sex && r.RaceEthnicity == t.RaceEthnicity
                    && r.FirstYear == r.LastYear && r.FirstYear >= t.FirstYear && r.LastYear <= t.LastYear)]);
        }
        return relations.Where(r => r.Length > 1).ToList();
    }
}
