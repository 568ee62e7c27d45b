using JasperFx.Events;
using Marten;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Infrastructure.FollowUp;

/// <summary>
/// The analytic cases as the registry stood at a moment: every event recorded by then, folded (patients and cases), so
/// the rates as of an earlier date count what was known that day, not what was learnt since. Reads all events up to the
/// moment in one query: fine for a hospital registry; a central registry would read the nightly snapshots instead.
/// </summary>
public sealed class FollowUpAsRecorded(IDocumentStore store)
{
    public async Task<IReadOnlyList<(string? ReportingFacility, FollowUpCase Case)>> AnalyticCasesAsync(DateTimeOffset at, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var raw = await session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= at).ToListAsync(ct);
        var streams = raw.Where(e => e.Data is DomainEvent).GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).Select(e => (DomainEvent)e.Data).ToList());
        var patients = streams.Where(s => DomainEvents.Of(s.Value[0].GetType()).Stream == StreamKind.Patient)
            .ToDictionary(s => s.Key, s => Patient.From(s.Key, s.Value));
        var result = new List<(string?, FollowUpCase)>();
        foreach (var (id, events) in streams.Where(s => DomainEvents.Of(s.Value[0].GetType()).Stream == StreamKind.Tumor))
        {
            var tumor = TumorCase.From(id, events);
            if (!tumor.Exists || patients.GetValueOrDefault(tumor.PatientId) is not { } patient) continue;
            string? T(string item) => tumor.Items.GetValueOrDefault(item);
            string? P(string item) => patient.Items.GetValueOrDefault(item);
            var c = new FollowUpCase(T("classOfCase"), P("vitalStatus"), tumor.DuplicateOf is not null, T("dateOfDiagnosis"), P("dateOfLastContact"))
            {
                PrimarySite = T("primarySite"), Histology = T("histologicTypeIcdO3"), Behavior = T("behaviorCodeIcdO3"),
                SummaryStage2018 = T("summaryStage2018"), NextFollowUpSource = T("nextFollowUpSource"), CurrentCountry = P("addrCurrentCountry"),
                DateOfBirth = P("dateOfBirth"),
            };
            if (c.IsAnalytic) result.Add((T("reportingFacility"), c));
        }
        return result;
    }
}
