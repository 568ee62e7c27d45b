using TumorRegistry.Domain.Consolidation;
using static TumorRegistry.Domain.Consolidation.ItemOutcomeKind;

namespace TumorRegistry.Domain.Tests.Consolidation;

/// <summary>Each item rule as a table: the case's value, the source's, and what must become of it (with the rule id).</summary>
public class ItemRuleTests
{
    private static ItemOutcome One(string item, string? caseValue, string sourceValue, Dictionary<string, string>? moreSource = null)
    {
        var caseItems = caseValue is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [item] = caseValue };
        var source = new Dictionary<string, string>(moreSource ?? []) { [item] = sourceValue };
        return Consolidator.Default.Consolidate(caseItems, source).Single(o => o.NaaccrId == item);
    }

    [Theory]
    [InlineData(null, "1", Changed, "fill-blank")]
    [InlineData("9", "1", Changed, "ranked.unknown-replaced")]
    [InlineData("9", "4", Changed, "ranked.unknown-replaced")]
    [InlineData("3", "2", Changed, "ranked.higher")]
    [InlineData("1", "3", Kept, "ranked.lower-kept")]
    [InlineData("1", "9", Kept, "ranked.source-unknown")]
    [InlineData("1", "2", Conflict, "ranked.contradicts")]
    [InlineData("3", "4", Conflict, "ranked.contradicts")]
    [InlineData("1", "4", Conflict, "ranked.contradicts")]
    [InlineData("2", "2", Same, "same")]
    public void Laterality(string? caseValue, string source, ItemOutcomeKind kind, string rule) =>
        Assert.Equal((kind, rule), (One("laterality", caseValue, source).Kind, One("laterality", caseValue, source).RuleId));

    [Theory]
    [InlineData("8", "1", Changed, "ranked.higher")]
    [InlineData("1", "2", Kept, "ranked.lower-kept")]
    [InlineData("4", "2", Changed, "ranked.higher")]
    [InlineData("1", "3", Changed, "ranked.higher")]
    [InlineData("9", "7", Changed, "ranked.unknown-replaced")]
    [InlineData("6", "7", Kept, "ranked.lower-kept")]
    public void DiagnosticConfirmation(string caseValue, string source, ItemOutcomeKind kind, string rule)
    {
        var o = One("diagnosticConfirmation", caseValue, source);
        Assert.Equal((kind, rule), (o.Kind, o.RuleId));
    }

    [Theory]
    [InlineData("8000", "8500", "1", Changed, "histology.more-specific")]
    [InlineData("8010", "8140", "2", Changed, "histology.more-specific")]
    [InlineData("8010", "8500", "7", Kept, "histology.unconfirmed-kept")]
    [InlineData("8010", "8500", "", Kept, "histology.unconfirmed-kept")]
    [InlineData("8500", "8010", "1", Kept, "histology.less-specific-kept")]
    [InlineData("8500", "8520", "1", Conflict, "histology.conflict")]
    [InlineData("8140", "8070", "1", Conflict, "histology.conflict")]
    public void Histology(string caseValue, string source, string confirmation, ItemOutcomeKind kind, string rule)
    {
        var o = One("histologicTypeIcdO3", caseValue, source, confirmation.Length > 0 ? new() { ["diagnosticConfirmation"] = confirmation } : null);
        Assert.Equal((kind, rule), (o.Kind, o.RuleId));
    }

    [Fact]
    public void Behavior_follows_the_histology_source_even_against_the_ranking()
    {
        var outcomes = Consolidator.Default.Consolidate(
            new Dictionary<string, string> { ["histologicTypeIcdO3"] = "8010", ["behaviorCodeIcdO3"] = "3" },
            new Dictionary<string, string> { ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "2", ["diagnosticConfirmation"] = "1" });
        var behavior = outcomes.Single(o => o.NaaccrId == "behaviorCodeIcdO3");
        Assert.Equal((Changed, "behavior.with-histology", "2"), (behavior.Kind, behavior.RuleId, behavior.SourceValue));
    }

    [Theory]
    [InlineData("2", "3", Changed, "ranked.higher")]
    [InlineData("3", "2", Kept, "ranked.lower-kept")]
    [InlineData("1", "3", Conflict, "ranked.contradicts")]
    [InlineData("9", "3", Changed, "ranked.unknown-replaced")]
    public void Behavior_alone_prefers_invasive(string caseValue, string source, ItemOutcomeKind kind, string rule)
    {
        var o = One("behaviorCodeIcdO3", caseValue, source);
        Assert.Equal((kind, rule), (o.Kind, o.RuleId));
    }

    [Theory]
    [InlineData("2024", "20240315", Changed, "date.parts-filled", "20240315")]
    [InlineData("202403", "20240315", Changed, "date.parts-filled", "20240315")]
    [InlineData("20249999", "20240315", Changed, "date.parts-filled", "20240315")]
    [InlineData("20240315", "2024", Kept, "date.less-complete-kept", "2024")]
    [InlineData("20240315", "20240301", Changed, "date.earliest", "20240301")]
    [InlineData("20240301", "20240315", Kept, "date.earliest-kept", "20240315")]
    [InlineData("20240315", "20230315", Conflict, "date.conflict", "20230315")]
    [InlineData("20240615", "20240101", Conflict, "date.conflict", "20240101")]
    [InlineData("20240315", "202402", Conflict, "date.conflict", "202402")]
    [InlineData(null, "20249999", Changed, "fill-blank", "2024")]
    public void DateOfDiagnosis(string? caseValue, string source, ItemOutcomeKind kind, string rule, string sourceRead)
    {
        var o = One("dateOfDiagnosis", caseValue, source);
        Assert.Equal((kind, rule, sourceRead), (o.Kind, o.RuleId, o.SourceValue));
    }

    [Theory]
    [InlineData("C509", "C504", Changed, "site.more-specific")]
    [InlineData("C809", "C341", Changed, "site.unknown-replaced")]
    [InlineData("C504", "C509", Kept, "site.less-specific-kept")]
    [InlineData("C504", "C502", Conflict, "site.conflict")]
    [InlineData("C504", "C341", Conflict, "site.conflict")]
    public void PrimarySite(string caseValue, string source, ItemOutcomeKind kind, string rule)
    {
        var o = One("primarySite", caseValue, source);
        Assert.Equal((kind, rule), (o.Kind, o.RuleId));
    }

    [Theory]
    [InlineData("gradeClinical", "9", "3", Changed, "ranked.unknown-replaced")]
    [InlineData("gradePathological", "2", "3", Changed, "ranked.higher")]
    [InlineData("gradePathological", "3", "1", Kept, "ranked.lower-kept")]
    [InlineData("gradePathological", "L", "H", Changed, "ranked.higher")]
    [InlineData("gradePathological", "2", "H", Kept, "ranked.contradicts")]
    [InlineData("summaryStage2018", "1", "7", Changed, "ranked.higher")]
    [InlineData("summaryStage2018", "9", "2", Changed, "ranked.unknown-replaced")]
    [InlineData("summaryStage2018", "3", "1", Kept, "ranked.lower-kept")]
    public void Grade_and_stage_take_the_higher_known_value(string item, string caseValue, string source, ItemOutcomeKind kind, string rule)
    {
        var o = One(item, caseValue, source);
        Assert.Equal((kind, rule), (o.Kind, o.RuleId));
    }

    [Theory]
    [InlineData("overRideHistology", null, "1", Changed, "override.carried")]
    [InlineData("overRideSiteLatMorph", "1", "1", Same, "same")]
    [InlineData("overRideAgeSiteMorph", "1", "3", Kept, "override.kept")]
    [InlineData("rxSummChemo", null, "01", Changed, "fill-blank")]
    [InlineData("rxSummChemo", "00", "01", Kept, "known-value-kept")]
    public void Override_flags_and_other_items(string item, string? caseValue, string source, ItemOutcomeKind kind, string rule)
    {
        var o = One(item, caseValue, source);
        Assert.Equal((kind, rule, item), (o.Kind, o.RuleId, o.NaaccrId));
    }

    [Fact]
    public void A_blank_source_value_never_blanks_the_case() =>
        Assert.Empty(Consolidator.Default.Consolidate(new Dictionary<string, string> { ["laterality"] = "1" },
            new Dictionary<string, string> { ["laterality"] = " " }));

    [Fact]
    public void Every_rule_row_names_a_known_kind() =>
        Assert.All(ConsolidationRules.Default.Items, r => Assert.Contains(r.Kind, new[] { "ranked", "site", "histology", "behavior", "date", "override", "fill" }));
}
