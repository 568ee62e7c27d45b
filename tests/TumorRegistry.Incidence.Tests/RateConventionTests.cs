using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Tests;

/// <summary>SEER*Stat conventions for empty cells and edge cases.</summary>
public class RateConventionTests
{
    static readonly double[] Std = [1, 2, 3, 4];

    [Fact]
    public void Age_group_with_no_cases_and_no_population_contributes_a_zero_rate()
    {
        var with = AgeAdjustedRates.Compute([0, 5, 10, 20], [0, 1000, 2000, 4000], Std, perPopulation: 1);
        // Rate: weights 0.2, 0.3, 0.4 on 5/1000, 10/2000, 20/4000; the empty group adds nothing.
        Assert.Equal(0.2 * 0.005 + 0.3 * 0.005 + 0.4 * 0.005, with.Rate, 15);
        Assert.False(with.PopulationAdjusted);
        Assert.Equal(7000, with.Population);
    }

    [Fact]
    public void Age_group_with_cases_but_no_population_uses_the_count_as_population()
    {
        var r = AgeAdjustedRates.Compute([2, 5, 10, 20], [0, 1000, 2000, 4000], Std, perPopulation: 1);
        Assert.True(r.PopulationAdjusted);
        Assert.Equal(0.1 * 1 + 0.2 * 0.005 + 0.3 * 0.005 + 0.4 * 0.005, r.Rate, 15);
    }

    [Fact]
    public void No_cases_gives_rate_zero_lower_limit_zero_and_a_finite_upper_limit()
    {
        var r = AgeAdjustedRates.Compute([0, 0, 0, 0], [1000, 1000, 1000, 1000], Std, perPopulation: 1);
        Assert.Equal(0, r.Rate);
        Assert.Equal(0, r.FayFeuer.Lower);
        // Fay-Feuer upper with y = v = 0: gamma(shape 1, scale max w) at 0.975 = -ln(0.025) max w.
        Assert.Equal(-Math.Log(0.025) * 0.4 / 1000, r.FayFeuer.Upper, 12);
        Assert.True(r.Tiwari.Upper < r.FayFeuer.Upper);
        var crude = CrudeRates.Compute(0, 1000);
        Assert.Equal(0, crude.Interval.Lower);
        Assert.Equal(-Math.Log(0.025) / 1000 * 1e5, crude.Interval.Upper, 9);
    }

    [Fact]
    public void Mismatched_age_groups_and_bad_confidence_levels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AgeAdjustedRates.Compute([1, 2], [10, 20, 30], [1, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrudeRates.Compute(1, 10, confidenceLevel: 95));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrudeRates.Compute(1, 0));
    }

    [Fact]
    public void Trend_is_not_computed_with_a_zero_rate_or_fewer_than_three_years()
    {
        Assert.Null(Trends.Fit([new(2018, 10), new(2019, 11)]));
        Assert.Null(Trends.Fit([new(2018, 10), new(2019, 0), new(2020, 12)]));
        var exact = Trends.Fit([new(2018, 100), new(2019, 105), new(2020, 110.25)]);
        Assert.NotNull(exact);
        Assert.Equal(5, exact.Apc, 10);
        Assert.Equal(5, exact.Interval.Lower, 8);
    }

    [Fact]
    public void Rate_ratio_of_identical_groups_is_one_with_an_interval_around_it()
    {
        long[] c = [3, 10, 40, 80];
        double[] p = [10000, 12000, 9000, 5000];
        var rr = RateRatios.Compute(c, p, c, p, Std);
        Assert.Equal(1, rr.Ratio, 14);
        Assert.True(rr.Interval.Lower < 1 && rr.Interval.Upper > 1);
        var fay = RateRatios.Compute(c, p, c, p, Std, tiwari: false);
        Assert.True(fay.Interval.Upper - fay.Interval.Lower >= rr.Interval.Upper - rr.Interval.Lower);
    }
}
