using Microsoft.Extensions.Configuration;
using TumorRegistry.Api.Demo;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Integration.Tests.Demo;

public sealed class DemoRegistryTests
{
    // The demo exactly as the README's run command makes it (no configuration: its defaults).
    private static readonly Lazy<List<(Patient Patient, TumorCase Tumor)>> Whole = new(() =>
        DemoRegistry.Generate(DemoRegistry.Options(new ConfigurationBuilder().Build(), new DateOnly(2026, 12, 2)))
            .Select(d => (Patient.From(d.Patient.StreamId, d.Patient.Events.Cast<DomainEvent>()), TumorCase.From(d.Tumor.StreamId, d.Tumor.Events.Cast<DomainEvent>())))
            .ToList());

    [Fact]
    public void The_demo_is_about_fifty_thousand_tumors_and_no_case_of_it_is_completed_while_failing_an_error_edit()
    {
        Assert.InRange(Whole.Value.Count, 50_000, 51_000);
        var engine = EditEngine.Default;
        var failures = new List<string>();
        foreach (var (patient, tumor) in Whole.Value.Where(c => c.Tumor.IsCompleted))
            failures.AddRange(engine.RunEdits(patient, tumor, new DateOnly(2026, 12, 2)).BlockingErrors.Select(e => e.Edit.Id + " " + e.Edit.Title));
        Assert.True(failures.Count == 0, string.Join("\n", failures.GroupBy(f => f).Select(g => $"{g.Count()} x {g.Key}")));
        Assert.True(Whole.Value.Count(c => c.Tumor.IsCompleted) > 45_000);
    }

    [Fact]
    public void Living_demo_patients_were_last_seen_at_least_a_month_after_diagnosis()
    {
        var tooSoon = 0;
        foreach (var (patient, tumor) in Whole.Value)
        {
            if (patient.IsDead || tumor.DateOfDiagnosis is not { } dx) continue;
            var contact = DateOnly.ParseExact(patient.Items["dateOfLastContact"], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            if (contact < dx.Earliest.AddDays(28)) tooSoon++;
        }
        Assert.Equal(0, tooSoon);
    }

    [Fact]
    public void The_demo_is_deterministic_and_varied()
    {
        var options = DemoRegistry.Options(new ConfigurationBuilder().Build(), new DateOnly(2026, 12, 2)) with { Tumors = 600 };
        var a = DemoRegistry.Generate(options).ToList();
        var b = DemoRegistry.Generate(options).ToList();
        Assert.Equal(a.Select(x => x.Tumor.StreamId), b.Select(x => x.Tumor.StreamId));
        Assert.Equal(a.SelectMany(x => x.Tumor.Events), b.SelectMany(x => x.Tumor.Events));
        var events = a.SelectMany(x => x.Patient.Events.Concat(x.Tumor.Events)).ToList();
        Assert.InRange(events.OfType<DeathRecorded>().Count(), 600 / 10, 600 * 8 / 10);
        Assert.Contains(events.OfType<CaseOpened>(), o => o.TypeOfReportingSource == "7");
        Assert.True(events.OfType<AddressAtDiagnosisRecorded>().Select(x => x.County).Distinct().Count() > 10);
    }
}
