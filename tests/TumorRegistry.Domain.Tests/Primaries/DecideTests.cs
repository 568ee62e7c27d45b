using TumorRegistry.Domain.Primaries;
using static TumorRegistry.Domain.Tests.Primaries.ModuleCases;

namespace TumorRegistry.Domain.Tests.Primaries;

/// <summary>The entry point over several existing tumors, the general rules, and the facts read from items.</summary>
public sealed class DecideTests
{
    [Fact]
    public void A_patient_without_tumors_gets_a_new_primary()
    {
        var d = Rules.Decide([], Tumor("C504 8500/3 1 20200101"));
        Assert.Equal((PrimaryOutcome.NewPrimary, "General"), (d.Outcome, d.Rule));
    }

    [Fact]
    public void The_one_matching_case_among_several_is_the_same_primary()
    {
        var existing = new[] { Tumor("C187 8140/3 0 20190101", "colon"), Tumor("C504 8500/3 1 20200101", "breast") };
        var d = Rules.Decide(existing, Tumor("C502 8520/3 1 20200201"));
        Assert.Equal((PrimaryOutcome.SamePrimary, "breast", "Breast", "M7"), (d.Outcome, d.SameAsCaseId, d.Module, d.Rule));
        Assert.Equal("Breast M7", d.RuleId);
        Assert.Equal(2, d.Comparisons.Count);
        Assert.Equal((PairResult.Multiple, "General"), (d.Comparisons[0].Result, d.Comparisons[0].Rule));
    }

    [Fact]
    public void Matching_two_cases_is_questionable_and_names_both()
    {
        var existing = new[] { Tumor("C504 8500/3 1 20200101", "a"), Tumor("C508 8500/3 1 20200105", "b") };
        var d = Rules.Decide(existing, Tumor("C502 8500/3 1 20200201"));
        Assert.Equal(PrimaryOutcome.Questionable, d.Outcome);
        Assert.Contains("a by Breast M12", d.Reason);
        Assert.Contains("b by Breast M12", d.Reason);
    }

    [Fact]
    public void A_match_beside_an_undecidable_comparison_is_questionable()
    {
        var existing = new[] { Tumor("C504 8500/3 1 20200101", "a"), Tumor("C504 8500/3 9 20200105", "b") };
        var d = Rules.Decide(existing, Tumor("C502 8500/3 2 20200201"));
        Assert.Equal((PrimaryOutcome.Questionable, "M4"), (d.Outcome, d.Rule));
    }

    [Fact]
    public void Different_from_every_case_is_a_new_primary()
    {
        var existing = new[] { Tumor("C187 8140/3 0 20190101", "colon"), Tumor("C504 8500/3 1 20200101", "breast") };
        var d = Rules.Decide(existing, Tumor("C504 8500/3 2 20200301"));
        Assert.Equal((PrimaryOutcome.NewPrimary, null, "Breast M4"), (d.Outcome, d.SameAsCaseId, d.RuleId));
        Assert.Contains("breast by Breast M4", d.Reason);
    }

    [Fact]
    public void A_module_that_is_not_shipped_goes_to_review()
    {
        var d = Rules.Decide([Tumor("C711 9440/3 0 20200101", "brain")], Tumor("C711 9440/3 0 20230101"));
        Assert.Equal((PrimaryOutcome.Questionable, "Malignant CNS"), (d.Outcome, d.Module));
    }

    [Fact]
    public void A_solid_tumor_and_a_heme_neoplasm_are_separate()
    {
        var d = Rules.Decide([Tumor("C504 8500/3 1 20200101", "breast")], Tumor("C779 9680/3 0 20200201"));
        Assert.Equal((PrimaryOutcome.NewPrimary, "General"), (d.Outcome, d.Rule));
    }

    [Fact]
    public void Facts_errors_name_the_item()
    {
        var read = TumorFacts.FromItems(new Dictionary<string, string?>
        {
            ["primarySite"] = "509", ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3", ["dateOfDiagnosis"] = "20201340",
        });
        Assert.Null(read.Facts);
        Assert.Equal(["primarySite", "dateOfDiagnosis"], read.Errors.Select(e => e.NaaccrId));
    }

    [Theory]
    [InlineData("20200115", "20200115", "20200115")]
    [InlineData("202002", "20200201", "20200229")]
    [InlineData("2021", "20210101", "20211231")]
    [InlineData("20219999", "20210101", "20211231")]
    public void Partial_dates_are_the_range_of_days_they_can_mean(string text, string from, string to)
    {
        var d = DiagnosisDate.Parse(text)!.Value;
        Assert.Equal((from, to), (d.Earliest!.Value.ToString("yyyyMMdd"), d.Latest!.Value.ToString("yyyyMMdd")));
    }

    [Fact]
    public void Every_rule_in_the_data_is_a_known_kind_and_every_module_ends_in_a_catch_all()
    {
        var book = PrimaryRuleBook.LoadShipped();
        var t = Tumor("C504 8500/3 1 20200101");
        foreach (var module in book.Modules.Where(m => m.Implemented && m.Name != "Heme"))
            Assert.Equal("otherwise", book.Rules.Last(r => r.Module == module.Name).Kind);
        Assert.Equal("needs-database", book.Rules.Last(r => r.Module == "Heme").Kind);
        Assert.All(book.Rules, r => Assert.True(r.Text.Length > 20, $"{r.Module} {r.Id} has no text"));
        Assert.NotNull(Rules.Compare(t, t));
    }
}
