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
    public void No_case_of_the_whole_demo_is_completed_while_failing_an_error_edit()
    {
        // The demo exactly as the loader makes it (its population decides who is drawn).
        var streams = DemoRegistry.Generate(new DemoOptions(), SyntheticPopulation.Generate(DemoLoader.Population));
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
    public void Living_demo_patients_were_last_seen_at_least_a_month_after_diagnosis()
    {
        var streams = DemoRegistry.Generate(new DemoOptions(), SyntheticPopulation.Generate(DemoLoader.Population));
        var tooSoon = 0;
        for (var i = 0; i < streams.Count; i += 2)
        {
            var patient = Patient.From(streams[i].StreamId, streams[i].Events.Cast<DomainEvent>());
            var tumor = TumorCase.From(streams[i + 1].StreamId, streams[i + 1].Events.Cast<DomainEvent>());
            if (patient.IsDead || tumor.DateOfDiagnosis is not { } dx) continue;
            var contact = DateOnly.ParseExact(patient.Items["dateOfLastContact"], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            if (contact < dx.Earliest.AddDays(28)) tooSoon++;
        }
        Assert.Equal(0, tooSoon);
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
