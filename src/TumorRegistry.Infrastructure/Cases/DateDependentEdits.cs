using Marten;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// Re-runs the edits of the cases whose case_summary row fails an edit that depends on today's date ("not in the
/// future"): the day such a date is reached, the case stops failing without any new event. Only failing cases can
/// change (a date that is not in the future never becomes so), so the nightly run reads few streams.
/// </summary>
public sealed class DateDependentEdits(RegistryEvents events, CaseSummaryProjection projection, EditCatalog catalog)
{
    private const int PageSize = 500;

    /// <summary>Refolds those cases through the case_summary projection; returns how many were re-run.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var editIds = catalog.Edits.Where(e => e.DependsOnToday).Select(e => e.Id).ToArray();
        var ids = new List<Guid>();
        await using (var conn = events.Store.Storage.Database.CreateConnection())
        {
            await conn.OpenAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand("select case_id from case_summary where failing_edits && $1", conn);
            cmd.Parameters.AddWithValue(editIds);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        }
        foreach (var page in ids.Chunk(PageSize))
        {
            // The projection folds the whole streams as a rebuild would, with today's date, in one transaction per page.
            await using var write = await events.OpenWriteSessionAsync(ct);
            var stream = await write.Session.Events.QueryAllRawEvents().Where(e => page.Contains(e.StreamId)).ToListAsync(ct);
            await projection.ApplyAsync(write.Session, stream, ct);
            await write.Session.SaveChangesAsync(ct);
            await write.CommitAsync(ct);
        }
        return ids.Count;
    }
}
