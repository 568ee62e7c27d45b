using System.Text.Json;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Domain.Tests.Domain;

/// <summary>The event store writes events as System.Text.Json (web defaults): every event must round trip.</summary>
public class SerializationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<DomainEvent> Events => new()
    {
        new PatientRegistered { PatientIdNumber = "00000001" },
        new DemographicsRecorded { NameLast = "Smith", Sex = "2", OtherItems = new Dictionary<string, string> { ["telephone"] = "1804942979" } },
        new DeathRecorded { DateOfDeath = "20240101", CauseOfDeath = "C509", IcdRevisionNumber = "1" },
        new CaseOpened { PatientId = Guid.Parse("6f1c1f53-8a0b-4c1e-9a55-0d6b5a1f0a11"), ReportingFacility = "0000000001" },
        new DiagnosisRecorded { PrimarySite = "C504", Histology = "8500", Behavior = "3" },
        new ItemsCorrected([new("primarySite", "C504", "C509")], "path report"),
        new ItemsImported(new Dictionary<string, string> { ["primarySite"] = "C501" }, "sample.xml"),
        new EditOverridden("TR120", "confirmed with pathologist"),
        new CaseMarkedDuplicate(Guid.Parse("0b7d3a8e-1f0e-4b8e-8d7a-3c3f7c1a9b22"), "same primary"),
        new CaseReopened("late path report"),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Round_trips_as_json(DomainEvent e)
    {
        var json = JsonSerializer.Serialize(e, e.GetType(), Json);
        var back = (DomainEvent)JsonSerializer.Deserialize(json, e.GetType(), Json)!;
        Assert.Equal(JsonSerializer.Serialize(e, e.GetType(), Json), JsonSerializer.Serialize(back, back.GetType(), Json));
        Assert.Equal(ItemMapping(e), ItemMapping(back));
    }

    [Fact]
    public void Death_recorded_carries_vital_status_dead()
    {
        var json = JsonSerializer.Serialize(new DeathRecorded { DateOfDeath = "2024" }, Json);
        Assert.Contains("\"vitalStatus\":\"0\"", json);
    }

    private static List<KeyValuePair<string, string>> ItemMapping(DomainEvent e) => Items.ItemMapping.ItemsOf(e).ToList();
}
