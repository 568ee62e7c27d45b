using System.Text;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Tests.Standards;

public sealed class NaaccrUserDictionaryCheckTests
{
    private static (NaaccrDictionary? Dictionary, IReadOnlyList<NaaccrDictionaryProblem> Problems) Check(string itemDefs,
        string uri = "http://registry.example/items.xml", params NaaccrDictionary[] kept) =>
        NaaccrUserDictionaryCheck.Check(new MemoryStream(Encoding.UTF8.GetBytes($"""
            <NaaccrDictionary xmlns="http://naaccr.org/naaccrxml" dictionaryUri="{uri}" specificationVersion="1.8">
              <ItemDefs>{itemDefs}</ItemDefs>
            </NaaccrDictionary>
            """)), NaaccrStandards.Default.Dictionaries.Values, kept);

    private const string Good = """<ItemDef naaccrId="stateFlag" naaccrNum="9600" length="1" parentXmlElement="Tumor" dataType="digits"/>""";

    [Fact]
    public void A_well_formed_dictionary_is_kept_with_its_items()
    {
        var (dictionary, problems) = Check(Good);
        Assert.Empty(problems);
        Assert.Equal(NaaccrParent.Tumor, dictionary!.Find("stateFlag")!.Parent);
    }

    [Fact]
    public void A_dictionary_keeps_its_description_and_a_dictionary_file_with_a_DTD_is_not_read()
    {
        var described = NaaccrUserDictionaryCheck.Check(new MemoryStream(Encoding.UTF8.GetBytes($"""
            <NaaccrDictionary xmlns="http://naaccr.org/naaccrxml" dictionaryUri="http://registry.example/d.xml" specificationVersion="1.8"
                description="State items"><ItemDefs>{Good}</ItemDefs></NaaccrDictionary>
            """)), NaaccrStandards.Default.Dictionaries.Values, []).Dictionary;
        Assert.Equal("State items", described!.Description);
        // What the command line's --user-dictionary FILE reads: entities would expand, so a DTD is refused outright.
        var withEntities = $"""
            <?xml version="1.0"?>
            <!DOCTYPE NaaccrDictionary [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <NaaccrDictionary xmlns="http://naaccr.org/naaccrxml" dictionaryUri="http://registry.example/e.xml" description="&b;">
              <ItemDefs>{Good}</ItemDefs></NaaccrDictionary>
            """;
        Assert.Throws<System.Xml.XmlException>(() => NaaccrDictionary.Load(new MemoryStream(Encoding.UTF8.GetBytes(withEntities))));
    }

    [Fact]
    public void Each_fault_is_named_by_its_item()
    {
        var (dictionary, problems) = Check(Good + """
            <ItemDef naaccrId="stateFlag" naaccrNum="9601" length="1" parentXmlElement="Tumor"/>
            <ItemDef naaccrId="stateOther" naaccrNum="400" length="4" parentXmlElement="Tumor"/>
            <ItemDef naaccrId="stateLevel" naaccrNum="9602" length="2" parentXmlElement="Case" dataType="number"/>
            """);
        Assert.Null(dictionary);
        Assert.Contains(problems, p => p.Item == "stateFlag" && p.Message.Contains("twice"));
        Assert.Single(problems, p => p.Item == "stateOther" && p.Message.Contains("Primary Site (primarySite) of base dictionary 260"));
        Assert.Contains(problems, p => p.Item == "stateLevel" && p.Message.Contains("parentXmlElement"));
        Assert.Contains(problems, p => p.Item == "stateLevel" && p.Message.Contains("dataType"));
    }

    [Fact]
    public void A_base_dictionary_uri_or_an_item_of_another_kept_dictionary_is_refused()
    {
        Assert.Contains(Check(Good, "http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml").Problems, p => p.Item == "dictionary");
        var (other, _) = Check(Good, "http://registry.example/other.xml");
        var (_, problems) = Check(Good, "http://registry.example/items.xml", other!);
        Assert.Contains(problems, p => p.Item == "stateFlag" && p.Message.Contains("http://registry.example/other.xml"));
        // The same URI again replaces itself: no clash with its own earlier items.
        Assert.Empty(Check(Good, "http://registry.example/other.xml", other!).Problems);
    }
}
