using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.Standards;

public class IcdO3Tests
{
    private static readonly NaaccrStandards S = NaaccrStandards.Default;

    [Fact]
    public void Topography_is_the_complete_site_list()
    {
        var sites = S.IcdO3.Sites.Select(s => s.Code).ToHashSet();
        Assert.Equal(330, sites.Count);
        Assert.All(sites, c => Assert.Matches("^C[0-7][0-9][0-9]$|^C809$", c));
        // 3-character categories of ICD-O-3: C00-C80 without the ICD-10 gaps (C43, C45, C46, C78, C79).
        var categories = sites.Select(c => c[..3]).Distinct().ToList();
        Assert.Equal(70, categories.Count);
        Assert.DoesNotContain("C43", categories);
        Assert.DoesNotContain("C45", categories);
    }

    [Theory]
    [InlineData("C509", "Breast, NOS")]
    [InlineData("C619", "Prostate gland")]
    [InlineData("C421", "Bone marrow")]
    [InlineData("C809", "Unknown primary site")]
    [InlineData("C142", "Waldeyer ring")]
    public void Known_sites_exist_with_their_label(string code, string label) =>
        Assert.Equal(label, S.IcdO3.FindSite(code)!.Label);

    [Theory]
    [InlineData("C141")] // ICD-O-2 code not in ICD-O-3
    [InlineData("C261")] // ICD-10 spleen; ICD-O-3 uses C422
    [InlineData("C507")]
    [InlineData("C800")]
    [InlineData("C50")]
    public void Codes_that_do_not_exist_are_absent(string code) => Assert.False(S.IcdO3.SiteExists(code));

    [Theory]
    [InlineData("8500", "3", "Infiltrating duct carcinoma, NOS")]
    [InlineData("8500", "2", "Intraductal carcinoma, noninfiltrating, NOS")]
    [InlineData("8140", "3", "Adenocarcinoma, NOS")]
    [InlineData("9680", "3", "Diffuse large B-cell lymphoma, NOS")]
    [InlineData("9530", "0", "Meningioma, NOS")]
    public void Morphology_combinations_have_their_terms(string hist, string beh, string label) =>
        Assert.Equal(label, S.IcdO3.FindMorphology(hist, beh)!.Label);

    [Fact]
    public void Morphology_list_is_substantial_and_only_valid_behaviors()
    {
        Assert.True(S.IcdO3.Morphologies.Count > 700);
        Assert.All(S.IcdO3.Morphologies, m => Assert.Contains(m.Behavior, new[] { "0", "1", "2", "3" }));
        Assert.All(S.IcdO3.Morphologies, m => Assert.InRange(int.Parse(m.Histology), 8000, 9993));
        Assert.Null(S.IcdO3.FindMorphology("8500", "0"));
        Assert.True(S.IcdO3.HistologyExists("8720"));
    }

    [Fact]
    public void Paired_sites_list_marks_midline_sites()
    {
        Assert.False(S.IcdO3.FindPairedSite("C509")!.MidlineAllowed);
        Assert.True(S.IcdO3.FindPairedSite("C711")!.MidlineAllowed);
        Assert.Null(S.IcdO3.FindPairedSite("C619"));
        Assert.All(S.IcdO3.PairedSites, p => Assert.True(S.IcdO3.SiteExists(p.Code), p.Code));
    }
}
