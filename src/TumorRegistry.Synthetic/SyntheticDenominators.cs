using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Standards;

namespace TumorRegistry.Synthetic;

/// <summary>
/// The synthetic state's population file (SEER layout, 19 age groups): each county's census count spread over age by
/// the 2000 US standard population, over sex evenly and over race and origin by the state's mix, the same every year.
/// A simplification stated in docs/synthetic.md: real county age structures differ.
/// </summary>
public static class SyntheticDenominators
{
    public static IReadOnlyList<PopulationRecord> Generate(SyntheticOptions options, SyntheticData? data = null)
    {
        data ??= SyntheticData.NewMexico;
        var ages = StandardPopulation.Us2000().Weights;
        var total = ages.Sum();
        var records = new List<PopulationRecord>();
        for (var year = options.FirstYear; year <= options.LastYear; year++)
            foreach (var county in data.Counties)
                foreach (var group in data.RaceMix)
                    foreach (var sex in new[] { Sex.Male, Sex.Female })
                        for (var age = 0; age < ages.Length; age++)
                            records.Add(new PopulationRecord(year, data.StatePostal, data.StateFips, county.Fips[2..], "99", group.SeerRace, group.Hispanic ? 1 : 0, sex, age,
                                (long)Math.Round(county.Population * group.Share * 0.5 * ages[age] / total)));
        return records;
    }
}
