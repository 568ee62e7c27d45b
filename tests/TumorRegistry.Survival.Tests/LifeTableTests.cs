using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Tests;

/// <summary>Actuarial life table checked by hand (withdrawals half at risk, Greenwood SE).</summary>
public class LifeTableTests
{
    [Fact]
    public void Yearly_intervals_count_withdrawals_as_half_at_risk()
    {
        // Months: deaths at 3, 5, 14; alive (withdrawn) at 8, 20, 30, 30.
        double[] months = [3, 5, 8, 14, 20, 30, 30];
        bool[] dead = [true, true, false, true, false, false, false];
        var table = ActuarialLifeTable.Build(months, dead, 12);
        Assert.Equal(3, table.Count);
        var y1 = table[0];
        Assert.Equal((7, 2, 1), (y1.Entering, y1.Deaths, y1.Withdrawn));
        Assert.Equal(6.5, y1.EffectiveAtRisk);
        Assert.Equal(1 - 2 / 6.5, y1.CumulativeSurvival, 12);
        var y2 = table[1];
        Assert.Equal((4, 1, 1, 3.5), (y2.Entering, y2.Deaths, y2.Withdrawn, y2.EffectiveAtRisk));
        double s2 = (1 - 2 / 6.5) * (1 - 1 / 3.5);
        Assert.Equal(s2, y2.CumulativeSurvival, 12);
        double se2 = s2 * Math.Sqrt(2 / (6.5 * 4.5) + 1 / (3.5 * 2.5));
        Assert.Equal(se2, y2.StdErr, 12);
        var (lo, hi) = ConfidenceLimits.For(s2, se2 / s2, ConfidenceType.LogLog, ConfidenceLimits.Z(0.95));
        Assert.Equal(lo, y2.Lower, 12);
        Assert.Equal(hi, y2.Upper, 12);
        Assert.Equal((2, 0, 2), (table[2].Entering, table[2].Deaths, table[2].Withdrawn));
        Assert.Equal(s2, table[2].CumulativeSurvival, 12);
    }

    [Fact]
    public void Without_withdrawals_the_life_table_equals_Kaplan_Meier_at_interval_ends()
    {
        double[] months = [0, 1, 1, 2, 4, 4, 5];
        bool[] dead = Enumerable.Repeat(true, 7).ToArray();
        var table = ActuarialLifeTable.Build(months, dead, 1);
        var km = KaplanMeier.Fit(months, dead);
        foreach (var row in table) Assert.Equal(km.SurvivalAt(row.Start), row.CumulativeSurvival, 12);
    }
}
