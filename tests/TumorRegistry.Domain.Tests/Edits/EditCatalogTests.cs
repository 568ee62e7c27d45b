using TumorRegistry.Domain.Edits;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.Edits;

public class EditCatalogTests
{
    private static readonly EditCatalog Catalog = EditCatalog.Default;

    [Fact]
    public void Has_at_least_forty_cross_item_edits_with_unique_ids()
    {
        Assert.True(Catalog.CrossItem.Count >= 40, $"only {Catalog.CrossItem.Count}");
        Assert.Equal(Catalog.Edits.Count, Catalog.Edits.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Every_edit_names_items_of_the_dictionaries()
    {
        var known = NaaccrStandards.Default.Dictionaries.Values.SelectMany(d => d.Items.Select(i => i.NaaccrId)).ToHashSet();
        Assert.All(Catalog.Edits, e =>
        {
            Assert.NotEmpty(e.Items);
            Assert.All(e.Items, id => Assert.Contains(id, known));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        });
    }

    [Fact]
    public void Generates_a_valid_code_edit_per_coded_item_and_a_date_edit_per_date_item()
    {
        var s = NaaccrStandards.Default;
        Assert.NotNull(Catalog.Find("CODE-laterality"));
        Assert.NotNull(Catalog.Find("CODE-summaryStage2018"));
        Assert.Null(Catalog.Find("CODE-addrAtDxCountry")); // no iso_country list shipped
        Assert.NotNull(Catalog.Find("DATE-dateOfDiagnosis"));
        Assert.Equal(s.Dictionary.Items.Count(i => i.DataType == TumorRegistry.Standards.Dictionary.NaaccrDataType.Date),
            Catalog.Generated.Count(e => e.Id.StartsWith("DATE-")));
    }
}

public class RequiredItemsTests
{
    [Fact]
    public void Central_registries_require_the_central_sequence_instead_of_hospital_items()
    {
        var central = new EditEngine(NaaccrStandards.Default, new EditCatalog(NaaccrStandards.Default, TumorRegistry.Domain.Edits.Rules.RegistryType.Central));
        var items = Abstracts.Case("reportingFacility=;classOfCase=;sequenceNumberHospital=");
        Assert.Equal(EditOutcome.Pass, central.Run(items, Abstracts.Today).For("TR001")!.Outcome);
        Assert.Equal(EditOutcome.Fail, central.Run(Abstracts.Case("sequenceNumberCentral="), Abstracts.Today).For("TR001")!.Outcome);
        Assert.Equal(EditOutcome.Fail, EditEngine.Default.Run(items, Abstracts.Today).For("TR001")!.Outcome);
    }
}
