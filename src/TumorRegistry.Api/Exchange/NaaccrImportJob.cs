using Hangfire;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Api.Exchange;

/// <summary>What an upload asks of its background job (Hangfire stores it as the job's argument).</summary>
public sealed record NaaccrImportJobArgs(Guid BatchId, string FileName, string Source, string User, bool Relaxed, bool Again);

/// <summary>
/// Runs an uploaded NAACCR XML import on Hangfire. A job whose server died is run again by Hangfire: the batches already
/// committed match and change nothing, so each patient and tumor ends up in the registry once.
/// </summary>
public sealed class NaaccrImportJob(NaaccrXmlImporter importer, NaaccrUserDictionaryStore dictionaries, ExchangeFolder folder,
    ILogger<NaaccrImportJob> log)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(NaaccrImportJobArgs args, CancellationToken ct)
    {
        var path = folder.Upload(args.BatchId);
        // A file's userDictionaryUri is resolved against the dictionaries the registry keeps (POST /naaccr/dictionaries).
        var read = (args.Relaxed ? NaaccrReadOptions.Relaxed : NaaccrReadOptions.Strict) with { UserDictionaries = await dictionaries.LoadAllAsync(ct) };
        var request = new NaaccrImportRequest(args.FileName, args.Source, new EventMetadata(args.User))
        {
            BatchId = args.BatchId, Again = args.Again, Read = read,
        };
        var report = await importer.ImportFileAsync(path, request, ct);
        log.LogInformation("NAACCR import batch {Batch}: {Status}, {Patients} patients, {Refused} records refused",
            report.BatchId, report.Status, report.PatientsRead, report.RecordsRefused);
        File.Delete(path);
    }
}
