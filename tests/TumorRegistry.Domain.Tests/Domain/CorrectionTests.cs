using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Domain.Tests.Domain;

public class CorrectionTests
{
    private static TumorCase Case() => TumorCase.From(Guid.NewGuid(),
    [
        new CaseOpened { PatientId = Guid.NewGuid(), ReportingFacility = "0000000001" },
        new DiagnosisRecorded { PrimarySite = "C504", Laterality = "2", Histology = "8500", Behavior = "3" },
    ]);

    [Fact]
    public void Correction_records_old_and_new_values_with_the_reason()
    {
        var c = Case();
        var d = c.Correct(new Dictionary<string, string?> { ["primarySite"] = "C509", ["laterality"] = "2", ["gradeClinical"] = "3" }, "path review");
        var e = Assert.IsType<ItemsCorrected>(d.Events.Single());
        Assert.Equal("path review", e.Reason);
        // Unchanged values are not corrections.
        Assert.Equal([new ItemCorrection("primarySite", "C504", "C509"), new ItemCorrection("gradeClinical", null, "3")], e.Corrections);
        c.Apply(e);
        Assert.Equal("C509", c.Items["primarySite"]);
        Assert.Equal("3", c.Items["gradeClinical"]);
    }

    [Fact]
    public void Correction_can_blank_an_item()
    {
        var c = Case();
        var e = (ItemsCorrected)c.Correct(new Dictionary<string, string?> { ["laterality"] = null }, "not paired").Events.Single();
        Assert.Equal(new ItemCorrection("laterality", "2", null), e.Corrections.Single());
        c.Apply(e);
        Assert.False(c.Items.ContainsKey("laterality"));
    }

    [Fact]
    public void Correction_needs_a_reason_a_change_and_valid_values()
    {
        var c = Case();
        Assert.Equal("reason", c.Correct(new Dictionary<string, string?> { ["primarySite"] = "C509" }, " ").Errors.Single().NaaccrId);
        Assert.Equal("items", c.Correct(new Dictionary<string, string?> { ["primarySite"] = "C504" }, "x").Errors.Single().NaaccrId);
        var invalid = c.Correct(new Dictionary<string, string?> { ["primarySite"] = "C999" }, "x");
        Assert.Equal("primarySite", invalid.Errors.Single().NaaccrId);
        Assert.Empty(invalid.Events);
    }

    [Fact]
    public void Completed_cases_take_corrections_but_not_new_abstraction()
    {
        var c = Case();
        c.Apply(new CaseCompleted { DateCaseCompleted = "20250101" });
        Assert.False(c.RecordStage(new StageRecorded { SummaryStage2018 = "1" }).Accepted);
        Assert.True(c.Correct(new Dictionary<string, string?> { ["summaryStage2018"] = "2" }, "late path").Accepted);
    }

    [Fact]
    public void Patient_items_are_corrected_on_the_patient_stream()
    {
        var p = Patient.From(Guid.NewGuid(), [new PatientRegistered { PatientIdNumber = "00000001" }, new DemographicsRecorded { DateOfBirth = "19730729" }]);
        var e = (ItemsCorrected)p.Correct(new Dictionary<string, string?> { ["dateOfBirth"] = "19730730" }, "birth certificate").Events.Single();
        Assert.Equal(new ItemCorrection("dateOfBirth", "19730729", "19730730"), e.Corrections.Single());
        Assert.Equal("primarySite", p.Correct(new Dictionary<string, string?> { ["primarySite"] = "C509" }, "x").Errors.Single().NaaccrId);
    }
}
