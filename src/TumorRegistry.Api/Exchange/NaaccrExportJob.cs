using System.Text.Json;
using Hangfire;
using Npgsql;
using TumorRegistry.Infrastructure.Exchange;

namespace TumorRegistry.Api.Exchange;

/// <summary>Writes a queued export into the exchange folder on Hangfire; a rerun (its server died) writes it again whole.</summary>
public sealed class NaaccrExportJob(NaaccrExporter exporter, NpgsqlDataSource db, ExchangeFolder folder, TimeProvider clock, ILogger<NaaccrExportJob> log)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid exportId, CancellationToken ct)
    {
        string json;
        await using (var cmd = db.CreateCommand("update naaccr_exports set status = 'running' where export_id = $1 returning request::text"))
        {
            cmd.Parameters.AddWithValue(exportId);
            if (await cmd.ExecuteScalarAsync(ct) is not string j) return;
            json = j;
        }
        var request = ExportNaaccr.ToRequest(JsonSerializer.Deserialize<ExportNaaccr.StoredRequest>(json, ExportNaaccr.Json)!);
        var path = folder.Export(exportId);
        NaaccrExportResult result;
        try
        {
            await using var file = File.Create(path);
            result = await exporter.ExportAsync(request, file, ct);
        }
        catch (Exception e) when (e is ArgumentException or NpgsqlException)
        {
            await Finish(exportId, "failed", null, null, null, e.GetType().Name, ct);
            log.LogWarning("Export {Export} failed: {Error}", exportId, e.GetType().Name);
            return;
        }
        var extension = (request.Format == NaaccrExportFormat.Csv ? ".csv" : ".xml") + (request.Gzip ? ".gz" : "");
        var name = (request.Deidentified ? "deidentified-" : "naaccr-") + exportId.ToString("N")[..8] + extension;
        await Finish(exportId, "completed", result, name, request.Gzip ? "application/gzip" : request.Format == NaaccrExportFormat.Csv ? "text/csv" : "application/xml", null, ct);
        log.LogInformation("Export {Export}: {Patients} patients, {Tumors} tumors", exportId, result.Patients, result.Tumors);
    }

    private async Task Finish(Guid id, string status, NaaccrExportResult? result, string? name, string? contentType, string? error, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update naaccr_exports set status = $2, finished_at = $3, patients = $4, tumors = $5, file_name = $6, content_type = $7, error = $8
            where export_id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        cmd.Parameters.AddWithValue((object?)result?.Patients ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)result?.Tumors ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)name ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)contentType ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)error ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
