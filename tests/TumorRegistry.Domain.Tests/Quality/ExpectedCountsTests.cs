using TumorRegistry.Domain.Quality;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.Quality;

public sealed class ExpectedCountsTests
{
    // Two sites, rates per 100,000 per year; the registry's population over two years.
    private const string Rates = """
        # a small reference table for the test
        site,sex,age_group,rate_per_100000
        Lung and Bronchus,1,14,200
        Lung and Bronchus,2,14,150
        Prostate,1,14,500
        Lung and Bronchus,1,15,300
        """;

    private static readonly PopulationStratum[] Population =
    [
        new(2022, 1, 14, 10_000), new(2023, 1, 14, 12_000), // men 65-69: 22,000 person-years
        new(2022, 2, 14, 20_000), new(2023, 2, 14, 20_000), // women 65-69: 40,000
        new(2023, 1, 15, 5_000),                             // men 70-74: 5,000
        new(2023, 2, 3, 90_000),                             // no rate for this stratum: expects nothing
    ];

    [Fact]
    public void Expected_counts_equal_the_hand_computation()
    {
        var bySite = ExpectedCounts.BySite(ExpectedCounts.Parse(new StringReader(Rates)), Population);
        // Lung: 200 x 22,000 + 150 x 40,000 + 300 x 5,000 = 4,400,000 + 6,000,000 + 1,500,000 = 11,900,000 / 100,000 = 119.
        Assert.Equal(119.0, bySite["Lung and Bronchus"], 10);
        // Prostate: 500 x 22,000 / 100,000 = 110.
        Assert.Equal(110.0, bySite["Prostate"], 10);

        var records = Enumerable.Range(0, 300).Select(i => new QualityRecord
        {
            CaseId = Guid.NewGuid(), PatientId = Guid.NewGuid(), DxYear = 2023, FirstReportedAt = DateTimeOffset.UnixEpoch,
            Counted = i % 10 != 0, SiteGroup = i < 120 ? "Lung and Bronchus" : i < 220 ? "Prostate" : "Colon and Rectum",
        }).ToList();
        var observed = ExpectedCounts.Observed(records, bySite.Keys.ToList());
        // 120 lung and 100 prostate records, one in ten not counted: 108 + 90.
        Assert.Equal(198, observed);
        var report = QualityIndicators.Compute(records, bySite.Values.Sum(), observed,
            QualityThresholds.Parse(ReferenceData.OpenText("reference", "quality", "thresholds.csv")));
        Assert.Equal(100.0 * 198 / 229, report[QualityIndicators.Completeness].Value!.Value, 10);
        Assert.Equal(229.0, report[QualityIndicators.Completeness].Denominator!.Value, 10);
    }

    [Fact]
    public void All_sites_rows_expect_every_counted_case()
    {
        var records = new[] { "Prostate", null, "Colon and Rectum" }.Select(s => new QualityRecord
        {
            CaseId = Guid.NewGuid(), PatientId = Guid.NewGuid(), DxYear = 2023, FirstReportedAt = DateTimeOffset.UnixEpoch, Counted = true, SiteGroup = s,
        }).ToList();
        Assert.Equal(3, ExpectedCounts.Observed(records, [ExpectedCounts.AllSites]));
        Assert.Equal(1, ExpectedCounts.Observed(records, ["Prostate"]));
    }

    [Fact]
    public void The_shipped_rate_table_and_thresholds_load_and_a_bad_row_is_named()
    {
        var rates = ExpectedCounts.Parse(ReferenceData.OpenText("reference", "quality", "expected-rates.csv"));
        Assert.Equal(38, rates.Count); // All Sites, two sexes, 19 age groups
        var thresholds = QualityThresholds.Parse(ReferenceData.OpenText("reference", "quality", "thresholds.csv"));
        Assert.Equal(35, thresholds.Count);
        Assert.Contains(thresholds, t => t is { Standard: "naaccr-gold", Indicator: "dco", Comparison: "lt", Value: 3 });
        var e = Assert.Throws<FormatException>(() => ExpectedCounts.Parse(new StringReader("site,sex,age_group,rate_per_100000\nLung,3,14,1\n")));
        Assert.Contains("row 2", e.Message);
        Assert.Throws<FormatException>(() => QualityThresholds.Parse(new StringReader(
            "standard,label,indicator,comparison,value,unit,months\nx,X,dco,gt,3,percent,\n")));
    }
}
