using System.Text.Json;
using MediatR;
using Npgsql;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;

namespace TumorRegistry.Api.Cases.CaseEdits;

public sealed record EditCount(string Id, string Title, string Severity, int Cases);
public sealed record CaseFailing(Guid CaseId, string? ReportingFacility, string? AbstractedBy, IReadOnlyList<string> FailingEdits);

/// <summary>Edits over the whole registry (or one facility): counts per edit and the cases that fail.</summary>
public sealed record RegistryEditsView(string? Facility, int CasesChecked, int CasesFailing, IReadOnlyList<EditCount> ByEdit,
    IReadOnlyList<CaseFailing> Cases);

public sealed record RunRegistryEdits(string? Facility) : IRequest<RegistryEditsView>;

/// <summary>
/// Runs the edits on every non-duplicate case from the projections (case and patient items with overrides),
/// so a changed edit catalog can be checked against the registry without touching the streams.
/// </summary>
public sealed class RunRegistryEditsHandler(NpgsqlDataSource db, EditEngine edits, TimeProvider clock) : IRequestHandler<RunRegistryEdits, RegistryEditsView>
{
    public async Task<RegistryEditsView> Handle(RunRegistryEdits request, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("""
            select c.case_id, c.reporting_facility, c.abstracted_by, c.items::text, coalesce(p.items::text, '{}'), c.overridden_edits
            from case_summary c left join patients p on p.patient_id = c.patient_id
            where c.status <> 'duplicate' and ($1::text is null or c.reporting_facility = $1)
            order by c.case_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Facility ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<string, (EditDefinition Edit, int Cases)>(StringComparer.Ordinal);
        var failing = new List<CaseFailing>();
        var checkedCases = 0;
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            checkedCases++;
            var tumorItems = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(3))!;
            var patientItems = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(4))!;
            var overridden = r.GetFieldValue<string[]>(5).ToHashSet(StringComparer.Ordinal);
            var report = edits.Run(CaseItems.Of(patientItems, tumorItems), today, overridden);
            var failures = report.Failures.ToList();
            if (failures.Count == 0) continue;
            foreach (var f in failures)
                counts[f.Edit.Id] = (f.Edit, counts.GetValueOrDefault(f.Edit.Id).Cases + 1);
            failing.Add(new CaseFailing(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                failures.Select(f => f.Edit.Id).ToList()));
        }
        var byEdit = counts.Values.OrderByDescending(c => c.Cases).ThenBy(c => c.Edit.Id, StringComparer.Ordinal)
            .Select(c => new EditCount(c.Edit.Id, c.Edit.Title, c.Edit.Severity.ToString().ToLowerInvariant(), c.Cases)).ToList();
        return new RegistryEditsView(request.Facility, checkedCases, failing.Count, byEdit, failing);
    }
}

public static class RegistryEditsEndpoint
{
    public static void MapRegistryEdits(this IEndpointRouteBuilder app) =>
        app.MapGet("/edits", async (string? facility, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new RunRegistryEdits(string.IsNullOrWhiteSpace(facility) ? null : facility), ct)))
            .WithName("RunRegistryEdits").WithSummary("Run the edits on every case of the registry, or of one reporting facility.")
            .Produces<RegistryEditsView>();
}
