using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Tests;

/// <summary>Log-rank test against R survdiff (fixtures/make-fixtures.R).</summary>
public class LogRankTests
{
    [Theory]
    [InlineData("lung_sex", "lung", "sex", null)]
    [InlineData("lung_ecog", "lung", "ph_ecog", null)]
    [InlineData("veteran_celltype", "veteran", "celltype", null)]
    [InlineData("veteran_trt", "veteran", "trt", null)]
    [InlineData("veteran_trt_by_celltype", "veteran", "trt", "celltype")]
    [InlineData("lung_sex_by_ecog", "lung", "sex", "ph_ecog")]
    public void Matches_survdiff(string test, string dataset, string groupColumn, string? strataColumn)
    {
        var (time, dead, data) = KaplanMeierTests.Load(dataset);
        var group = data.Strings(groupColumn);
        var strata = strataColumn is null ? null : data.Strings(strataColumn);
        // survdiff drops rows with a missing grouping or stratum (na.action).
        var keep = Enumerable.Range(0, time.Length).Where(i => group[i] != "NA" && (strata is null || strata[i] != "NA")).ToArray();
        var result = LogRank.Test(keep.Select(i => time[i]).ToArray(), keep.Select(i => dead[i]).ToArray(),
            keep.Select(i => group[i]).ToArray(), strata is null ? null : keep.Select(i => strata[i]).ToArray());

        var r = Fixture.Read("logrank.csv");
        var row = r.Where("test", test).Single();
        Near.Equal(r.Num(row, "chisq"), result.ChiSquare, 1e-6, test + " chisq");
        Assert.Equal((int)r.Num(row, "df"), result.DegreesOfFreedom);
        Near.Equal(r.Num(row, "p"), result.PValue, 1e-9, test + " p");

        var g = Fixture.Read("logrank_groups.csv");
        foreach (var gr in g.Where("test", test))
        {
            var mine = result.Groups.Single(x => x.Group == gr[g.Col("group")]);
            Assert.Equal((int)g.Num(gr, "n"), mine.N);
            Near.Equal(g.Num(gr, "observed"), mine.Observed, 1e-9, test + " O");
            Near.Equal(g.Num(gr, "expected"), mine.Expected, 1e-6, test + " E");
        }
    }
}
