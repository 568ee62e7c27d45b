using TumorRegistry.Api.Demo;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Integration.Tests.Demo;

public sealed class DemoRegistryTests
{
    private static readonly DemoOptions Options = new() { Tumors = 600 };

    private static IReadOnlyList<PopulationRecord> Population() =>
        SyntheticPopulation.Generate(new SyntheticPopulationOptions { StatePostal = "NM", StateFips = "35" });

    [Fact]
    public void Demo_cases_are_coded_so_that_completed_cases_pass_every_error_edit()
    {
        var streams = DemoRegistry.Generate(Options, Population());
        var engine = EditEngine.Default;
        var failures = new List<string>();
        for (var i = 0; i < streams.Count; i += 2)
        {
            var patient = Patient.From(streams[i].StreamId, streams[i].Events.Cast<DomainEvent>());
            var tumor = TumorCase.From(streams[i + 1].StreamId, streams[i + 1].Events.Cast<DomainEvent>());
            if (!tumor.IsCompleted) continue;
            var report = engine.RunEdits(patient, tumor, new DateOnly(2025, 1, 1));
            failures.AddRange(report.BlockingErrors.Select(e => e.Edit.Id + " " + e.Edit.Title));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.GroupBy(f => f).Select(g => $"{g.Count()} x {g.Key}")));
    }

    [Fact]
    public void The_demo_is_deterministic_and_varied()
    {
        var a = DemoRegistry.Generate(Options, Population());
        var b = DemoRegistry.Generate(Options, Population());
        Assert.Equal(Options.Tumors * 2, a.Count);
        Assert.Equal(
            a.SelectMany(s => s.Events).Select(e => e.ToString()).Where(s => !s!.Contains("PatientId")),
            b.SelectMany(s => s.Events).Select(e => e.ToString()).Where(s => !s!.Contains("PatientId")));
        var deaths = a.SelectMany(s => s.Events).OfType<DeathRecorded>().Count();
        Assert.InRange(deaths, Options.Tumors / 10, Options.Tumors * 8 / 10);
        Assert.Contains(a.SelectMany(s => s.Events).OfType<CaseOpened>(), o => o.TypeOfReportingSource == "7");
        Assert.True(a.SelectMany(s => s.Events).OfType<AddressAtDiagnosisRecorded>().Select(x => x.County).Distinct().Count() > 3);
    }
}
