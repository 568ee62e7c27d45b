using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Tables;

/// <summary>
/// Builds incidence tables (rates by area, site group, sex, race/ethnicity and period) from aggregated
/// case counts and population denominators, then applies small-count and complementary suppression.
/// </summary>
public static class IncidenceTableBuilder
{
    /// <summary>Builds the table described by <paramref name="request"/>.</summary>
    public static IncidenceTable Build(IncidenceTableRequest request, IEnumerable<CaseCount> cases, IEnumerable<PopulationCell> populations)
    {
        if (request.LastYear < request.FirstYear) throw new ArgumentException("LastYear must not be before FirstYear.");
        bool InYears(int year) => year >= request.FirstYear && year <= request.LastYear;

        // Roll both inputs up to every (area, sex, race) the table may show, keeping years and age groups.
        var pop = new Dictionary<(string Area, string Sex, string Race, int Year), long[]>();
        var areas = new SortedSet<string>(StringComparer.Ordinal);
        var races = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in populations)
        {
            if (!InYears(p.Year)) continue;
            CheckCell(p.CountyFips, p.AgeGroup);
            foreach (var area in AreasOf(request.Area, p.CountyFips)) areas.Add(area);
            races.Add(p.RaceEthnicity);
            foreach (var key in Targets(request.Area, p.CountyFips, p.Sex, p.RaceEthnicity))
                Add(pop, (key.Area, key.Sex, key.Race, p.Year), p.AgeGroup, p.Population);
        }
        var count = new Dictionary<(string Area, string Site, string Sex, string Race, int Year), long[]>();
        var sitesSeen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (!InYears(c.Year)) continue;
            CheckCell(c.CountyFips, c.AgeGroup);
            if (c.Count < 0) throw new ArgumentException($"Negative case count for {c.CountyFips} {c.SiteGroup} {c.Year}.");
            sitesSeen.Add(c.SiteGroup);
            foreach (var key in Targets(request.Area, c.CountyFips, c.Sex, c.RaceEthnicity))
                Add(count, (key.Area, c.SiteGroup, key.Sex, key.Race, c.Year), c.AgeGroup, c.Count);
        }

        var sites = request.SiteGroups ?? sitesSeen.ToList();
        var raceRows = request.ByRace ? new[] { RaceEthnicity.AllRaces }.Concat(races.Where(r => r != RaceEthnicity.AllRaces)).ToList() : [RaceEthnicity.AllRaces];
        var areaRows = OrderAreas(areas);
        var singleYears = Enumerable.Range(request.FirstYear, request.LastYear - request.FirstYear + 1).Select(y => (y, y)).ToList();
        var periods = request.Periods switch
        {
            PeriodMode.Pooled => [(request.FirstYear, request.LastYear)],
            PeriodMode.SingleYears => singleYears,
            _ => [.. singleYears, (request.FirstYear, request.LastYear)],
        };
        // Periods that share a pooled total are protected as one block.
        var periodBlocks = request.Periods == PeriodMode.SingleYears ? periods.Select(p => new[] { p }).ToList() : [periods.ToArray()];

        var rows = new List<IncidenceRow>();
        foreach (var site in sites)
        {
            var sexRows = request.SexSpecificSites.TryGetValue(site, out var only) ? [only.ToString()]
                : request.BySex ? [IncidenceTable.BothSexes, nameof(Sex.Male), nameof(Sex.Female)] : new List<string> { IncidenceTable.BothSexes };
            foreach (var periodBlock in periodBlocks)
            {
                var block = new List<Cell>();
                foreach (var (first, last) in periodBlock)
                    foreach (var area in areaRows)
                        foreach (var sex in sexRows)
                            foreach (var race in raceRows)
                                block.Add(Sum(area, site, sex, race, first, last, count, pop));
                var relations = Relations(block, out var sexRelations);
                var marks = Suppression.Apply(block.Select(c => c.Cases.Sum()).ToList(), relations, request.SuppressionThreshold,
                    request.ExactSuppressionAudit, sexRelations, request.ComplementarySuppression);
                for (int i = 0; i < block.Count; i++)
                    rows.Add(ToRow(request, block[i], marks[i], count, pop));
            }
        }
        return new IncidenceTable(request, rows);
    }

    sealed record Cell(string Area, string Site, string Sex, string Race, int FirstYear, int LastYear, long[] Cases, long[] Population);

    static Cell Sum(string area, string site, string sex, string race, int first, int last,
        Dictionary<(string, string, string, string, int), long[]> count, Dictionary<(string, string, string, int), long[]> pop)
    {
        var cases = new long[SeerAgeGroups.Count];
        var population = new long[SeerAgeGroups.Count];
        for (int year = first; year <= last; year++)
        {
            if (count.TryGetValue((area, site, sex, race, year), out var c)) for (int a = 0; a < cases.Length; a++) cases[a] += c[a];
            if (pop.TryGetValue((area, sex, race, year), out var p)) for (int a = 0; a < population.Length; a++) population[a] += p[a];
        }
        return new Cell(area, site, sex, race, first, last, cases, population);
    }

    // Additive relations among the block's cells: state = counties, both sexes = male + female, all races = each race,
    // pooled period = its single years.
    static List<int[]> Relations(List<Cell> block, out HashSet<int> sexRelations)
    {
        var bySex = new HashSet<int>();
        sexRelations = bySex;
        var index = new Dictionary<(string, string, string, int, int), int>();
        for (int i = 0; i < block.Count; i++) index[(block[i].Area, block[i].Sex, block[i].Race, block[i].FirstYear, block[i].LastYear)] = i;
        var relations = new List<int[]>();
        void AddRelation(int total, IEnumerable<int> parts)
        {
            var list = parts.ToList();
            if (list.Count > 0) relations.Add([total, .. list]);
        }
        for (int i = 0; i < block.Count; i++)
        {
            var c = block[i];
            bool SamePeriod(Cell b) => b.FirstYear == c.FirstYear && b.LastYear == c.LastYear;
            if (c.Area.Length == 2)
                AddRelation(i, block.Select((b, j) => (b, j)).Where(x => x.b.Area.Length == 5 && x.b.Area.StartsWith(c.Area, StringComparison.Ordinal)
                    && x.b.Sex == c.Sex && x.b.Race == c.Race && SamePeriod(x.b)).Select(x => x.j));
            if (c.Sex == IncidenceTable.BothSexes)
            {
                var sexes = new[] { nameof(Sex.Male), nameof(Sex.Female) }
                    .Select(s => (c.Area, s, c.Race, c.FirstYear, c.LastYear)).Where(index.ContainsKey).Select(k => index[k]).ToList();
                if (sexes.Count > 0) bySex.Add(relations.Count);
                AddRelation(i, sexes);
            }
            if (c.Race == RaceEthnicity.AllRaces)
                AddRelation(i, block.Select((b, j) => (b, j)).Where(x => x.b.Area == c.Area && x.b.Sex == c.Sex
                    && x.b.Race != RaceEthnicity.AllRaces && SamePeriod(x.b)).Select(x => x.j));
            if (c.LastYear > c.FirstYear)
                AddRelation(i, Enumerable.Range(c.FirstYear, c.LastYear - c.FirstYear + 1)
                    .Select(y => (c.Area, c.Sex, c.Race, y, y)).Where(index.ContainsKey).Select(k => index[k]));
        }
        return relations;
    }

    static IncidenceRow ToRow(IncidenceTableRequest request, Cell cell, SuppressionMark mark,
        Dictionary<(string, string, string, string, int), long[]> count, Dictionary<(string, string, string, int), long[]> pop)
    {
        string period = cell.FirstYear == cell.LastYear ? $"{cell.FirstYear}" : $"{cell.FirstYear}-{cell.LastYear}";
        string name = request.AreaNames.TryGetValue(cell.Area, out var n) ? n : cell.Area;
        bool isTotal = request.Area == AreaLevel.County && cell.Area.Length == 2;
        long population = cell.Population.Sum();
        var row = new IncidenceRow(cell.Area, name, isTotal, cell.Site, cell.Sex, cell.Race, period, cell.FirstYear, cell.LastYear,
            population, null, null, null, null, null, null, mark);
        if (mark != SuppressionMark.None) return row;

        long cases = cell.Cases.Sum();
        int years = cell.LastYear - cell.FirstYear + 1;
        row = row with { Count = cases, AverageAnnualCount = (double)cases / years };
        if (population <= 0) return row;
        var adjusted = Adjust(request, cell.Cases, cell.Population);
        AnnualPercentChange? trend = null;
        if (request.IncludeTrend && request.Periods != PeriodMode.SingleYears && years >= 3)
        {
            var yearly = new List<YearRate>();
            for (int year = cell.FirstYear; year <= cell.LastYear; year++)
            {
                var one = Sum(cell.Area, cell.Site, cell.Sex, cell.Race, year, year, count, pop);
                if (one.Population.Sum() <= 0) { yearly.Clear(); break; }
                var rate = Adjust(request, one.Cases, one.Population);
                yearly.Add(new YearRate(year, rate.Rate, rate.StandardError));
            }
            if (yearly.Count == years) trend = Trends.Fit(yearly, request.TrendFit, request.ConfidenceLevel);
        }
        return row with
        {
            CrudeRate = (double)cases / population * request.PerPopulation,
            AgeAdjustedRate = adjusted.Rate,
            Interval = request.IntervalMethod == RateIntervalMethod.Tiwari ? adjusted.Tiwari : adjusted.FayFeuer,
            Trend = trend,
        };
    }

    static AgeAdjustedRate Adjust(IncidenceTableRequest request, long[] cases, long[] population) =>
        AgeAdjustedRates.Compute(request.Standard.Collapse(cases), request.Standard.Collapse(population.Select(p => (double)p).ToArray()),
            request.Standard.Weights, request.ConfidenceLevel, request.PerPopulation);

    static IEnumerable<string> AreasOf(AreaLevel level, string countyFips) =>
        level == AreaLevel.County ? [countyFips[..2], countyFips] : [countyFips[..2]];

    static IEnumerable<(string Area, string Sex, string Race)> Targets(AreaLevel level, string countyFips, Sex sex, string race)
    {
        foreach (var area in AreasOf(level, countyFips))
            foreach (var s in new[] { sex.ToString(), IncidenceTable.BothSexes })
                foreach (var r in race == RaceEthnicity.AllRaces ? [race] : new[] { race, RaceEthnicity.AllRaces })
                    yield return (area, s, r);
    }

    // State first, then its counties, by FIPS code.
    static List<string> OrderAreas(IEnumerable<string> areas) =>
        areas.OrderBy(a => a[..2], StringComparer.Ordinal).ThenBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal).ToList();

    static void Add<TKey>(Dictionary<TKey, long[]> sums, TKey key, int ageGroup, long value) where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var array)) sums[key] = array = new long[SeerAgeGroups.Count];
        array[ageGroup] += value;
    }

    static void CheckCell(string countyFips, int ageGroup)
    {
        if (countyFips.Length != 5 || !countyFips.All(char.IsAsciiDigit))
            throw new ArgumentException($"County FIPS must be 5 digits (state + county), was '{countyFips}'.");
        if (ageGroup is < 0 or >= SeerAgeGroups.Count)
            throw new ArgumentException($"Age group must be a SEER age group 0-18, was {ageGroup}.");
    }
}
