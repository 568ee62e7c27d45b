using TumorRegistry.Incidence.AgeGroups;

namespace TumorRegistry.Incidence.Populations;

/// <summary>Settings for a made-up state for demos and benchmarks. The defaults use a state code no real state has.</summary>
public sealed record SyntheticPopulationOptions
{
    /// <summary>Random seed; the same seed always gives the same file.</summary>
    public int Seed { get; init; } = 2026;
    /// <summary>Postal abbreviation of the synthetic state.</summary>
    public string StatePostal { get; init; } = "ZZ";
    /// <summary>State FIPS code (97 is not assigned to any state).</summary>
    public string StateFips { get; init; } = "97";
    /// <summary>Number of counties (FIPS 001, 003, 005, ... as real states number them).</summary>
    public int Counties { get; init; } = 8;
    /// <summary>First year.</summary>
    public int FirstYear { get; init; } = 2015;
    /// <summary>Last year.</summary>
    public int LastYear { get; init; } = 2022;
    /// <summary>Smallest and largest county population in the first year.</summary>
    public (int Min, int Max) CountySize { get; init; } = (4_000, 600_000);
}

/// <summary>
/// Deterministic synthetic SEER population records: a state with several counties, years, both sexes,
/// four races by Hispanic origin and the 19 age groups, with an ageing, slowly growing population.
/// </summary>
public static class SyntheticPopulation
{
    /// <summary>Generates records in the SEER file layout (19 age groups, registry 99).</summary>
    public static IReadOnlyList<PopulationRecord> Generate(SyntheticPopulationOptions? options = null)
    {
        var o = options ?? new SyntheticPopulationOptions();
        var random = new Random(o.Seed);
        var records = new List<PopulationRecord>();
        for (int c = 0; c < o.Counties; c++)
        {
            string county = (2 * c + 1).ToString("000");
            // County size spread log-uniformly; race mix varies by county.
            double size = o.CountySize.Min * Math.Pow((double)o.CountySize.Max / o.CountySize.Min, random.NextDouble());
            double[] raceShare = [0.55 + 0.3 * random.NextDouble(), 0.03 + 0.15 * random.NextDouble(), 0.01 + 0.08 * random.NextDouble(), 0.02 + 0.08 * random.NextDouble()];
            double hispanicShare = 0.05 + 0.4 * random.NextDouble();
            double growth = 1 + (random.NextDouble() - 0.3) * 0.02;
            for (int year = o.FirstYear; year <= o.LastYear; year++)
            {
                double yearSize = size * Math.Pow(growth, year - o.FirstYear);
                for (int race = 1; race <= 4; race++)
                    for (int origin = 0; origin <= 1; origin++)
                        foreach (var sex in new[] { Sex.Male, Sex.Female })
                            for (int age = 0; age < SeerAgeGroups.Count; age++)
                            {
                                double share = raceShare[race - 1] / raceShare.Sum() * (origin == 1 ? hispanicShare : 1 - hispanicShare)
                                    * SexShare(sex, age) * AgeShare(age, year - o.FirstYear);
                                long population = (long)Math.Round(yearSize * share * (0.9 + 0.2 * random.NextDouble()));
                                records.Add(new PopulationRecord(year, o.StatePostal, o.StateFips, county, "99", race, origin, sex, age, population));
                            }
            }
        }
        return records;
    }

    // Roughly a US-like age pyramid (group 0 is one year wide, group 1 four), slowly shifting older.
    static double AgeShare(int group, int yearsFromStart)
    {
        double width = group == 0 ? 1 : group == 1 ? 4 : 5;
        double perYear = group >= 18 ? 0.35 : Math.Exp(-Math.Pow(Math.Max(0, SeerAgeGroups.LowestAge(group) - 35), 2) / (2 * 28.0 * 28.0));
        double ageing = 1 + 0.01 * yearsFromStart * (SeerAgeGroups.LowestAge(group) - 40) / 40.0;
        return width * perYear * ageing / 68.0;
    }

    static double SexShare(Sex sex, int group) =>
        sex == Sex.Female ? 0.49 + 0.01 * group * 0.8 : 0.51 - 0.01 * group * 0.8;
}
