using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Tests.Domain;

public class ItemMappingTests
{
    private static readonly NaaccrDictionary V25 = NaaccrStandards.Default.Dictionary;

    [Fact]
    public void Every_event_field_maps_to_a_v25_item_on_its_streams_record()
    {
        foreach (var e in DomainEvents.All)
        {
            foreach (var f in ItemMapping.FieldsOf(e.Type))
            {
                var def = V25.Find(f.NaaccrId);
                Assert.True(def is not null, $"{e.Name}.{f.Property.Name}: {f.NaaccrId} is not a v25 item");
                var expected = e.Stream == StreamKind.Patient ? NaaccrParent.Patient : NaaccrParent.Tumor;
                Assert.True(def!.Parent == expected, $"{e.Name}.{f.Property.Name}: {f.NaaccrId} is a {def.Parent} item");
            }
        }
    }

    [Theory]
    [InlineData("patientIdNumber", 20)]
    [InlineData("nameLast", 2230)]
    [InlineData("dateOfBirth", 240)]
    [InlineData("sex", 220)]
    [InlineData("race1", 160)]
    [InlineData("race5", 164)]
    [InlineData("spanishHispanicOrigin", 190)]
    [InlineData("socialSecurityNumber", 2320)]
    [InlineData("addrAtDxState", 80)]
    [InlineData("countyAtDx", 90)]
    [InlineData("addrAtDxPostalCode", 100)]
    [InlineData("censusTract2020", 125)]
    [InlineData("primarySite", 400)]
    [InlineData("laterality", 410)]
    [InlineData("histologicTypeIcdO3", 522)]
    [InlineData("behaviorCodeIcdO3", 523)]
    [InlineData("gradeClinical", 3843)]
    [InlineData("gradePathological", 3844)]
    [InlineData("diagnosticConfirmation", 490)]
    [InlineData("dateOfDiagnosis", 390)]
    [InlineData("sequenceNumberHospital", 560)]
    [InlineData("classOfCase", 610)]
    [InlineData("typeOfReportingSource", 500)]
    [InlineData("reportingFacility", 540)]
    [InlineData("dateOfLastContact", 1750)]
    [InlineData("vitalStatus", 1760)]
    [InlineData("causeOfDeath", 1910)]
    [InlineData("icdRevisionNumber", 1920)]
    [InlineData("cancerStatus", 1770)]
    [InlineData("followUpSource", 1790)]
    [InlineData("nextFollowUpSource", 1800)]
    [InlineData("summaryStage2018", 764)]
    [InlineData("rxSummSurgPrimSite", 1290)]
    [InlineData("rxDateSurgery", 1200)]
    [InlineData("rxDateRadiation", 1210)]
    [InlineData("rxSummChemo", 1390)]
    [InlineData("rxDateSystemic", 3230)]
    public void Required_items_are_mapped_with_their_numbers(string naaccrId, int naaccrNum)
    {
        var row = ItemMapping.Rows(V25).FirstOrDefault(r => r.NaaccrId == naaccrId);
        Assert.NotNull(row);
        Assert.Equal(naaccrNum, row.NaaccrNum);
    }

    [Fact]
    public void Events_are_registered_with_unique_names_and_versions()
    {
        Assert.Equal(DomainEvents.All.Count, DomainEvents.All.Select(e => e.Name).Distinct().Count());
        Assert.All(DomainEvents.All, e => Assert.Equal(1, e.SchemaVersion));
        Assert.Contains(DomainEvents.All, e => e.Name == "DiagnosisRecorded" && e.Type == typeof(DiagnosisRecorded));
        Assert.Equal(16 + 7 + 2 + 2 + 2, DomainEvents.All.Count); // + the seven follow-up events (FollowUpEvents.cs), two of consolidation, two linkage decisions, two multiple primary review events
    }

    [Fact]
    public void Items_of_an_event_are_its_non_null_fields_and_other_items()
    {
        var e = new DiagnosisRecorded
        {
            PrimarySite = "C504", Laterality = "", OtherItems = new Dictionary<string, string> { ["tumorSizeClinical"] = "015" },
        };
        var items = ItemMapping.ItemsOf(e).ToDictionary();
        Assert.Equal(new Dictionary<string, string> { ["primarySite"] = "C504", ["laterality"] = "", ["tumorSizeClinical"] = "015" }, items);
    }
}
