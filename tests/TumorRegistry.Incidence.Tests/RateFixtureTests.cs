using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Tests;

/// <summary>Rates checked against R (fixtures/make_fixtures.R): epitools, poisson.test, lm, qgamma/qf/qt.</summary>
public class RateFixtureTests
{
    [Fact]
    public void Age_adjusted_rates_and_Fay_Feuer_intervals_match_epitools()
    {
        var inputs = Fixture.Load("age_adjusted_inputs.csv");
        var expected = Fixture.Load("age_adjusted_expected.csv");
        Assert.Equal(7, expected.Rows.Count);
        foreach (var row in expected.Rows)
        {
            string scenario = expected.Text(row, "scenario");
            var groups = inputs.Rows.Where(r => inputs.Text(r, "scenario") == scenario).ToList();
            var result = AgeAdjustedRates.Compute(
                groups.Select(r => (long)inputs.Number(r, "count")).ToList(),
                groups.Select(r => inputs.Number(r, "population")).ToList(),
                groups.Select(r => inputs.Number(r, "standard")).ToList(),
                expected.Number(row, "conf_level"), perPopulation: 1);
            Fixture.Close(expected.Number(row, "crude_rate"), result.CrudeRate);
            Fixture.Close(expected.Number(row, "adj_rate"), result.Rate);
            Fixture.Close(expected.Number(row, "ff_lower"), result.FayFeuer.Lower);
            Fixture.Close(expected.Number(row, "ff_upper"), result.FayFeuer.Upper);
            Fixture.Close(expected.Number(row, "ff_lower"), result.Tiwari.Lower);
            Fixture.Close(expected.Number(row, "tiwari_upper"), result.Tiwari.Upper);
            Assert.True(result.Tiwari.Upper <= result.FayFeuer.Upper, scenario);
        }
    }

    [Fact]
    public void Eighteen_group_standard_collapses_19_group_data_as_epitools_on_merged_groups()
    {
        var inputs = Fixture.Load("age_adjusted_inputs.csv");
        var expected = Fixture.Load("age_adjusted_expected.csv");
        var row = expected.Rows.Single(r => expected.Text(r, "scenario") == "county_all_sites_18_groups");
        var groups = inputs.Rows.Where(r => inputs.Text(r, "scenario") == "county_all_sites").ToList();
        var std = Standards.StandardPopulation.Us2000EighteenGroups();
        var result = AgeAdjustedRates.Compute(std.Collapse(groups.Select(r => (long)inputs.Number(r, "count")).ToArray()),
            std.Collapse(groups.Select(r => inputs.Number(r, "population")).ToArray()), std.Weights, perPopulation: 1);
        Fixture.Close(expected.Number(row, "adj_rate"), result.Rate);
        Fixture.Close(expected.Number(row, "ff_lower"), result.FayFeuer.Lower);
        Fixture.Close(expected.Number(row, "ff_upper"), result.FayFeuer.Upper);
        Fixture.Close(expected.Number(row, "tiwari_upper"), result.Tiwari.Upper);
    }

    [Fact]
    public void Crude_rate_intervals_match_poisson_test()
    {
        var expected = Fixture.Load("crude_rate_expected.csv");
        Assert.Equal(32, expected.Rows.Count);
        foreach (var row in expected.Rows)
        {
            var rate = CrudeRates.Compute((long)expected.Number(row, "count"), expected.Number(row, "population"), expected.Number(row, "conf_level"));
            Fixture.Close(expected.Number(row, "rate"), rate.Rate);
            if (rate.Count == 0) Assert.Equal(0, rate.Interval.Lower);
            else Fixture.Close(expected.Number(row, "lower"), rate.Interval.Lower);
            Fixture.Close(expected.Number(row, "upper"), rate.Interval.Upper);
        }
    }

    [Fact]
    public void Rate_ratio_F_intervals_match_the_formula_in_R()
    {
        var inputs = Fixture.Load("rate_ratio_inputs.csv");
        var expected = Fixture.Load("rate_ratio_expected.csv");
        foreach (var row in expected.Rows)
        {
            var groups = inputs.Rows.Where(r => inputs.Text(r, "scenario") == expected.Text(row, "scenario")).ToList();
            long[] Counts(string c) => groups.Select(r => (long)inputs.Number(r, c)).ToArray();
            double[] Values(string c) => groups.Select(r => inputs.Number(r, c)).ToArray();
            var rr = RateRatios.Compute(Counts("count1"), Values("population1"), Counts("count2"), Values("population2"),
                Values("standard"), 0.95, tiwari: expected.Text(row, "tiwari") == "TRUE");
            Fixture.Close(expected.Number(row, "ratio"), rr.Ratio);
            Fixture.Close(expected.Number(row, "lower"), rr.Interval.Lower);
            Fixture.Close(expected.Number(row, "upper"), rr.Interval.Upper);
        }
    }

    [Fact]
    public void Annual_percent_change_matches_lm_on_log_rates()
    {
        var inputs = Fixture.Load("apc_inputs.csv");
        var rates = inputs.Rows.Select(r => new YearRate((int)inputs.Number(r, "year"), inputs.Number(r, "rate"), inputs.Number(r, "se"))).ToList();
        var expected = Fixture.Load("apc_expected.csv");
        Assert.Equal(3, expected.Rows.Count);
        foreach (var row in expected.Rows)
        {
            var fit = Enum.Parse<TrendFit>(expected.Text(row, "fit"));
            var apc = Trends.Fit(rates, fit, expected.Number(row, "conf_level"));
            Assert.NotNull(apc);
            Fixture.Close(expected.Number(row, "apc"), apc.Apc);
            Fixture.Close(expected.Number(row, "lower"), apc.Interval.Lower);
            Fixture.Close(expected.Number(row, "upper"), apc.Interval.Upper);
            Fixture.Close(expected.Number(row, "slope_se"), apc.SlopeStandardError);
            Fixture.Close(expected.Number(row, "p_value"), apc.PValue, 1e-6);
        }
    }

    [Fact]
    public void Quantile_functions_match_R()
    {
        var expected = Fixture.Load("quantiles_expected.csv");
        foreach (var row in expected.Rows)
        {
            double p = expected.Number(row, "p"), a = expected.Number(row, "a"), b = expected.Number(row, "b");
            double actual = expected.Text(row, "dist") switch
            {
                "gamma" => Quantiles.Gamma(p, a, b),
                "f" => Quantiles.F(p, a, b),
                _ => Quantiles.StudentT(p, a),
            };
            Fixture.Close(expected.Number(row, "value"), actual, 1e-10);
        }
    }
}
