using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Api.Demo;

/// <summary>A resident of the synthetic state: where, which year, sex, race and origin, and age group.</summary>
internal sealed record Resident(string StatePostal, string CountyFips, int Year, Sex Sex, int Race, int Origin, int AgeGroup);

/// <summary>
/// Draws residents in proportion to population, weighted by a steep age gradient so cases cluster at older
/// ages as cancer does. Only adults (age group 5, 20-24, and up) are drawn.
/// </summary>
internal sealed class ResidentPicker
{
    private readonly PopulationRecord[] _cells;
    private readonly double[] _cumulative;

    private ResidentPicker(PopulationRecord[] cells, double[] cumulative) => (_cells, _cumulative) = (cells, cumulative);

    public static ResidentPicker From(IReadOnlyList<PopulationRecord> population, int firstYear, int lastYear)
    {
        var cells = population.Where(p => p.Year >= firstYear && p.Year <= lastYear && p.Age >= 5).ToArray();
        var cumulative = new double[cells.Length];
        double sum = 0;
        for (var i = 0; i < cells.Length; i++)
            cumulative[i] = sum += cells[i].Population * Math.Exp(0.17 * cells[i].Age);
        return new ResidentPicker(cells, cumulative);
    }

    public Resident Pick(Random random, string? onlySex)
    {
        while (true)
        {
            var x = random.NextDouble() * _cumulative[^1];
            var i = Array.BinarySearch(_cumulative, x);
            var c = _cells[i < 0 ? ~i : i];
            if (onlySex is not null && ((int)c.Sex).ToString() != onlySex) continue;
            return new Resident(c.StatePostal, c.CountyFips, c.Year, c.Sex, c.Race, c.Origin, c.Age);
        }
    }
}
