using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Tests.Domain;

public class ValidatorTests
{
    private static readonly ItemValidator V = ItemValidator.Default;

    [Theory]
    [InlineData("race1", "1", "exactly 2 digits")]
    [InlineData("race1", "0A", "digits only")]
    [InlineData("race1", "42", "not a valid code")]
    [InlineData("addrAtDxState", "mo", "upper-case letters")]
    [InlineData("dateOfDiagnosis", "20231301", "Month 13")]
    [InlineData("primarySite", "C507", "not an ICD-O-3 topography")]
    [InlineData("histologicTypeIcdO3", "7999", "not an ICD-O-3 histology")]
    [InlineData("nameLast", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP", "at most 40")]
    [InlineData("noSuchItem", "1", "not a NAACCR data item (dictionaries 240, 250, 260)")]
    [InlineData("sexAssignedAtBirth", "5", "not a valid code")]
    public void Rejects_bad_values_naming_the_item(string id, string value, string message)
    {
        var error = V.Validate(id, value).Single();
        Assert.Equal(id, error.NaaccrId);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("race1", "01")]
    [InlineData("primarySite", "C809")]
    [InlineData("dateOfDiagnosis", "2023")]
    [InlineData("laterality", "")]
    [InlineData("ageAtDiagnosis", "049")]
    [InlineData("sexAssignedAtBirth", "2")]
    public void Accepts_valid_or_blank_values(string id, string value) => Assert.Empty(V.Validate(id, value));

    [Fact]
    public void The_sample_abstracts_fit_the_dictionary_types_and_lengths()
    {
        using var s = ReferenceData.Open("reference", "naaccr", "sample-v250-abstract-10.xml");
        var (_, patients) = NaaccrXmlReader.ReadAll(s);
        var errors = patients.SelectMany(p => p.Items.SelectMany(kv => V.Validate(kv.Key, kv.Value, NaaccrParent.Patient))
                .Concat(p.Tumors.SelectMany(t => t.Items.SelectMany(kv => V.Validate(kv.Key, kv.Value, NaaccrParent.Tumor)))))
            .Where(e => !e.Message.Contains("not a valid code"))
            .Select(e => e.ToString()).Distinct().ToList();
        Assert.Equal([], errors);
    }
}
