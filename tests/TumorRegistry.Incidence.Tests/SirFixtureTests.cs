using TumorRegistry.Incidence.Areas;

namespace TumorRegistry.Incidence.Tests;

/// <summary>SIRs checked against R (fixtures/make_sir_fixtures.R): epitools::ageadjust.indirect's E, poisson.test's interval and p.</summary>
public class SirFixtureTests
{
    [Fact]
    public void Sir_interval_and_p_value_match_poisson_test()
    {
        var inputs = Fixture.Load("sir_inputs.csv");
        var reference = Fixture.Load("sir_reference.csv");
        var expected = Fixture.Load("sir_expected.csv");
        var rates = StandardisedIncidenceRatios.ReferenceRates(
            reference.Rows.Select(r => (long)reference.Number(r, "cases")).ToList(), reference.Rows.Select(r => reference.Number(r, "population")).ToList());
        var areas = inputs.Rows.GroupBy(r => inputs.Text(r, "area")).Select(g => new AreaAgeCounts(g.Key, g.Key,
            g.Select(r => (long)inputs.Number(r, "cases")).ToList(), g.Select(r => inputs.Number(r, "population")).ToList())).ToList();
        Assert.Equal(24, expected.Rows.Count);
        foreach (var level in new[] { 0.95, 0.9 })
        {
            var sirs = StandardisedIncidenceRatios.Compute(areas, rates, level).ToDictionary(s => s.Fips);
            foreach (var row in expected.Rows.Where(r => Math.Abs(expected.Number(r, "conf_level") - level) < 1e-9))
            {
                var s = sirs[expected.Text(row, "area")];
                Assert.Equal((long)expected.Number(row, "observed"), s.Observed);
                Fixture.Close(expected.Number(row, "expected"), s.Expected, 1e-10);
                Fixture.Close(expected.Number(row, "sir"), s.Ratio, 1e-10);
                Assert.True(Math.Abs(expected.Number(row, "lower") - s.Interval.Lower) <= 1e-6 * Math.Max(1e-3, expected.Number(row, "lower")), $"{s.Fips} lower");
                Fixture.Close(expected.Number(row, "upper"), s.Interval.Upper, 1e-6);
                Fixture.Close(expected.Number(row, "p_value"), s.PValue, 1e-6);
            }
        }
        // The fixture spans what an SIR table meets: zero observed, p = 1, p far below 1e-10, both directions.
        Assert.Contains(expected.Rows, r => expected.Number(r, "observed") == 0);
        Assert.Contains(expected.Rows, r => expected.Number(r, "p_value") < 1e-10 && expected.Number(r, "sir") > 1);
        Assert.Contains(expected.Rows, r => expected.Number(r, "p_value") < 1e-3 && expected.Number(r, "sir") < 1);
    }

    [Fact]
    public void Expected_counts_of_all_areas_at_their_own_rates_add_up_to_the_observed_total()
    {
        var areas = new[]
        {
            new AreaAgeCounts("1", "a", [10, 30], [1000, 2000]),
            new AreaAgeCounts("2", "b", [5, 45], [3000, 1000]),
        };
        var rates = StandardisedIncidenceRatios.ReferenceRates([15, 75], [4000, 3000]);
        var sirs = StandardisedIncidenceRatios.Compute(areas, rates);
        Assert.Equal(90, sirs.Sum(s => s.Expected), 10);
        Assert.Equal(1000 * 15 / 4000.0 + 2000 * 75 / 3000.0, sirs[0].Expected, 12);
        Assert.True(sirs[1].Ratio > 1 && sirs[0].Ratio < 1);
    }
}
