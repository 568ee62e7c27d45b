using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Standards.Demographics;

namespace TumorRegistry.Domain.Tests.Domain;

public class PatientTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static Patient Registered(params DomainEvent[] more) =>
        Patient.From(Id, [new PatientRegistered { PatientIdNumber = "00000001" }, .. more]);

    [Fact]
    public void Folding_events_gives_the_current_items()
    {
        var p = Registered(
            new DemographicsRecorded { NameLast = "Smith", DateOfBirth = "19730729", Sex = "2", Race1 = "01" },
            new FollowUpRecorded { DateOfLastContact = "20240419", VitalStatus = "1" },
            new DeathRecorded { DateOfDeath = "20250102", CauseOfDeath = "C509", IcdRevisionNumber = "1" });
        Assert.Equal("00000001", p.PatientIdNumber);
        Assert.Equal("Smith", p.Items["nameLast"]);
        Assert.Equal("20250102", p.Items["dateOfLastContact"]);
        Assert.Equal("0", p.Items["vitalStatus"]);
        Assert.True(p.IsDead);
        Assert.Equal(SexAssignedAtBirth.Female, p.Sex!.Value.AtBirth);
        Assert.Equal(1973, p.DateOfBirth!.Value.Year);
        Assert.Equal(4, p.Version);
    }

    [Fact]
    public void Null_leaves_an_item_and_empty_blanks_it()
    {
        var p = Registered(
            new DemographicsRecorded { NameLast = "Smith", NameMiddle = "J" },
            new DemographicsRecorded { NameMiddle = "" });
        Assert.Equal("Smith", p.Items["nameLast"]);
        Assert.False(p.Items.ContainsKey("nameMiddle"));
    }

    [Fact]
    public void Registration_needs_a_patient_id_number()
    {
        var refused = Patient.Register(new PatientRegistered());
        Assert.False(refused.Accepted);
        Assert.Equal("patientIdNumber", refused.Errors.Single().NaaccrId);
        Assert.True(Patient.Register(new PatientRegistered { PatientIdNumber = "00000001" }).Accepted);
    }

    [Fact]
    public void Invalid_values_are_refused_naming_the_item_before_any_event()
    {
        var d = Registered().RecordDemographics(new DemographicsRecorded { DateOfBirth = "19730230", Sex = "7", Race1 = "1" });
        Assert.False(d.Accepted);
        Assert.Empty(d.Events);
        Assert.Equal(["dateOfBirth", "race1", "sex"], d.Errors.Select(e => e.NaaccrId).Order());
        Assert.Contains("Day 30 does not exist", d.Errors.Single(e => e.NaaccrId == "dateOfBirth").Message);
    }

    [Fact]
    public void Tumor_items_cannot_be_recorded_on_the_patient()
    {
        var d = Registered().RecordDemographics(new DemographicsRecorded
        {
            OtherItems = new Dictionary<string, string> { ["primarySite"] = "C509" },
        });
        Assert.Equal("primarySite", d.Errors.Single().NaaccrId);
    }

    [Fact]
    public void Commands_on_an_unregistered_patient_are_refused()
    {
        var d = new Patient(Id).RecordFollowUp(new FollowUpRecorded { VitalStatus = "1" });
        Assert.Equal("patient", d.Errors.Single().NaaccrId);
    }

    [Fact]
    public void Death_needs_a_date()
    {
        Assert.Equal("dateOfLastContact", Registered().RecordDeath(new DeathRecorded()).Errors.Single().NaaccrId);
        Assert.IsType<DeathRecorded>(Registered().RecordDeath(new DeathRecorded { DateOfDeath = "2024" }).Events.Single());
    }

    [Fact]
    public void Import_registers_and_keeps_unknown_items()
    {
        var items = new Dictionary<string, string>
        {
            ["patientIdNumber"] = "00000009", ["sexAssignedAtBirth"] = "1", ["myRegistryFlag"] = "X",
        };
        var d = new Patient(Id).Import(items, "file.xml");
        Assert.True(d.Accepted);
        var p = Patient.From(Id, d.Events);
        Assert.Equal("X", p.Items["myRegistryFlag"]);
        Assert.Equal(SexAssignedAtBirth.Male, p.Sex!.Value.AtBirth);
    }
}
