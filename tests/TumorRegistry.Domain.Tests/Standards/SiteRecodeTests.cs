using TumorRegistry.Standards;
using TumorRegistry.Standards.Seer;

namespace TumorRegistry.Domain.Tests.Standards;

public class SiteRecodeTests
{
    private static readonly SiteRecodeTable Table = NaaccrStandards.Default.SiteRecode;

    [Theory]
    [InlineData("C501", "8500", "3", 2020, "39", "Breast")]
    [InlineData("C341", "8140", "3", 2019, "30", "Lung and Bronchus")]
    [InlineData("C445", "8720", "3", 2021, "37", "Melanoma of the Skin")]
    [InlineData("C445", "8832", "3", 2021, "38", "Other Non-Epithelial Skin")]
    [InlineData("C187", "8140", "3", 2015, "20", "Colon and Rectum (excluding Appendix)")]
    [InlineData("C619", "8140", "3", 2022, "49", "Prostate")]
    [InlineData("C421", "9823", "3", 2018, "68", "Chronic lymphocytic leukemia (CLL)/Small lymphocytic lymphoma")]
    [InlineData("C779", "9680", "3", 2020, "70", "Non-Hodgkin Lymphomas")]
    [InlineData("C384", "9050", "3", 2020, "77", "Mesothelioma")]
    [InlineData("C445", "9140", "3", 2020, "78", "Kaposi Sarcoma")]
    [InlineData("C809", "8000", "3", 2020, "79", "Miscellaneous Neoplasms")]
    [InlineData("C501", "8500", "2", 2020, "39", "Breast")]
    [InlineData("C700", "9530", "0", 2020, "81", "Brain, CNS Other and Intracranial Gland (Benign and Borderline)")]
    public void Classifies_known_cases(string site, string hist, string beh, int year, string recode, string name)
    {
        var r = Table.Classify(site, hist, beh, year)!;
        Assert.Equal((recode, name), (r.Recode, r.Name));
    }

    [Fact]
    public void Diagnosis_year_selects_the_rule_version()
    {
        // 9727 was precursor lymphoid through 2009 and non-Hodgkin lymphoma from 2010.
        Assert.Equal("67", Table.Classify("C779", "9727", "3", 2009)!.Recode);
        Assert.Equal("70", Table.Classify("C779", "9727", "3", 2010)!.Recode);
    }

    [Fact]
    public void Leaves_know_their_heading()
    {
        var lung = Table.Classify("C341", "8140", "3", 2019)!;
        Assert.Equal("Respiratory Tract and Thorax", lung.TopGroup!.Name);
        var hodgkin = Table.Classify("C779", "9650", "3", 2019)!;
        Assert.Equal("Lymphomas", hodgkin.Parents[^1].Name);
    }

    [Fact]
    public void Benign_tumors_are_outside_the_recode()
    {
        Assert.Null(Table.Classify("C509", "8010", "0", 2020));
        Assert.Equal(80, Table.Leaves.Count());
    }

    [Fact]
    public void Code_ranges_parse_like_seer_writes_them()
    {
        var r = CodeRanges.Parse(",9728-9729,,9811");
        Assert.True(r.Contains("9728"));
        Assert.True(r.Contains("9811"));
        Assert.False(r.Contains("9727"));
        Assert.Equal("9728-9729,9811", r.ToString());
    }
}
