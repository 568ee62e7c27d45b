using TumorRegistry.Standards;
using TumorRegistry.Standards.Codes;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Tests.Standards;

public class DictionaryTests
{
    private static readonly NaaccrStandards S = NaaccrStandards.Default;

    [Theory]
    [InlineData("240", 783)]
    [InlineData("250", 780)]
    [InlineData("260", 771)]
    public void Loads_every_item_of_each_version(string version, int items)
    {
        var d = S.Dictionaries[version];
        Assert.Equal(version, d.Version);
        Assert.Equal(items, d.Items.Count);
        Assert.Equal($"http://naaccr.org/naaccrxml/naaccr-dictionary-{version}.xml", d.DictionaryUri);
    }

    [Theory]
    [InlineData("primarySite", 400, 4, NaaccrDataType.Text, NaaccrParent.Tumor)]
    [InlineData("dateOfBirth", 240, 8, NaaccrDataType.Date, NaaccrParent.Patient)]
    [InlineData("histologicTypeIcdO3", 522, 4, NaaccrDataType.Digits, NaaccrParent.Tumor)]
    [InlineData("addrAtDxState", 80, 2, NaaccrDataType.Alpha, NaaccrParent.Tumor)]
    [InlineData("causeOfDeath", 1910, 4, NaaccrDataType.Text, NaaccrParent.Patient)]
    public void Item_definitions_come_from_the_v25_dictionary(string id, int num, int length, NaaccrDataType type, NaaccrParent parent)
    {
        var def = S.Dictionary[id];
        Assert.Equal((num, length, type, parent), (def.NaaccrNum, def.Length, def.DataType, def.Parent));
        Assert.Same(def, S.Dictionary.Find(num));
    }

    [Fact]
    public void Sex_is_item_220_in_v25_and_sex_assigned_at_birth_225_in_v26()
    {
        Assert.Equal(220, S.Dictionaries["250"]["sex"].NaaccrNum);
        Assert.Null(S.Dictionaries["250"].Find("sexAssignedAtBirth"));
        Assert.Equal(225, S.Dictionaries["260"]["sexAssignedAtBirth"].NaaccrNum);
        Assert.Null(S.Dictionaries["260"].Find("sex"));
    }

    [Fact]
    public void Unknown_item_is_reported_by_name()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => S.Dictionary["noSuchItem"]);
        Assert.Contains("noSuchItem", ex.Message);
    }

    [Fact]
    public void Code_lists_are_found_through_the_item_map()
    {
        var laterality = S.CodeLists.ForItem("laterality")!;
        Assert.Equal("laterality", laterality.Scheme);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "9"], laterality.Entries.Select(e => e.Code));
        Assert.True(laterality.Find("9")!.MeansMissing);
        Assert.Same(S.CodeLists.ForItem("race1"), S.CodeLists.ForItem("race5"));
        Assert.Null(S.CodeLists.ForItem("nameLast"));
        Assert.Null(S.CodeLists.ForItem("addrAtDxCountry")); // iso_country is not shipped
        Assert.Contains("primaryPayerAtDx", S.CodeLists.CodedItems);
    }

    [Fact]
    public void Csv_reader_handles_quotes_commas_and_source_lines()
    {
        using var r = new StringReader("# source line\ncode,label\n\"1\",\"a, b\"\n2,\"say \"\"hi\"\"\"\n");
        var rows = Csv.ReadWithHeader(r).ToList();
        Assert.Equal(["a, b", "say \"hi\""], rows.Select(x => x["label"]));
    }
}
