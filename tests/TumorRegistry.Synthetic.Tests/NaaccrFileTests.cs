using System.Xml;
using System.Xml.Schema;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Synthetic.Tests;

public sealed class NaaccrFileTests
{
    [Fact]
    public void The_generated_file_is_valid_against_the_NAACCR_schema_and_strict_reading_with_every_report_and_its_codes()
    {
        var cases = SyntheticRegistry.Generate(new SyntheticOptions { Seed = 3, Tumors = 1_500 }).ToList();
        var file = new MemoryStream();
        Assert.Equal(cases.Count, SyntheticNaaccrXml.Write(file, cases));

        var schemas = new XmlSchemaSet();
        using (var xsd = ReferenceData.Open("reference", "naaccr", "naaccr_data_1.8.xsd"))
            schemas.Add(null, XmlReader.Create(xsd));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using (var reader = XmlReader.Create(new MemoryStream(file.ToArray()), settings))
            while (reader.Read()) { }
        Assert.Equal([], errors);

        // Strict reading (dictionary items, parents, lengths, types) finds nothing to refuse.
        var (_, patients) = NaaccrXmlReader.ReadAll(new MemoryStream(file.ToArray()));
        Assert.Equal(cases.Count, patients.Count);
        Assert.All(patients, p => Assert.Empty(p.Problems));
        // Each report carries what was drawn: the site, the county and the family name of its person.
        for (var i = 0; i < cases.Count; i += 97)
        {
            Assert.Equal(cases[i].Person.Site.PrimarySite, patients[i].Tumors.Single()["primarySite"]);
            Assert.Equal(cases[i].Person.County.Fips[2..], patients[i].Tumors.Single()["countyAtDx"]);
            Assert.Equal(cases[i].Person.FamilyName, patients[i]["nameLast"]);
        }
    }
}
