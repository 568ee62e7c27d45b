using System.Text.Json;
using Npgsql;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>
/// The NaaccrData-level items an imported file carried (Registry ID [40], Registry Type [30], NAACCR Record Version
/// [50], root items of user dictionaries...). They describe the sender and the file, not a patient or a tumor, so
/// they are kept on the import batch (naaccr_import_batches.root_items) and shown with its report.
/// </summary>
public static class NaaccrImportRoots
{
    public static async Task SaveAsync(RegistryEvents store, Guid batchId, IReadOnlyDictionary<string, string> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var conn = store.Store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("update naaccr_import_batches set root_items = $2::jsonb where batch_id = $1", conn);
        cmd.Parameters.AddWithValue(batchId);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(items));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(NpgsqlDataSource db, Guid batchId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select root_items::text from naaccr_import_batches where batch_id = $1");
        cmd.Parameters.AddWithValue(batchId);
        return await cmd.ExecuteScalarAsync(ct) is string json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : new Dictionary<string, string>();
    }
}
