using System.Diagnostics;
using Npgsql;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Infrastructure.Synthetic;

/// <summary>
/// Loads a generated registry: its reports as event streams in bulk batches (progress on a writer), the read models
/// rebuilt from those events (as an import does), and its population file as the state's denominators.
/// </summary>
public sealed class SyntheticLoader(RegistryEvents store, ProjectionRebuilder rebuilder)
{
    private const int Batch = 5_000;

    public async Task<(long Reports, long Events)> LoadAsync(SyntheticOptions options, TextWriter? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var metadata = new EventMetadata("synthetic.loader", $"Synthetic registry (seed {options.Seed})");
        long events = 0, reports = 0;
        foreach (var batch in SyntheticRegistry.Generate(options).Chunk(Batch))
        {
            events += await store.BulkAppendNewStreamsAsync(batch.SelectMany(c => new[]
            {
                new StreamAppend(c.PatientId, "patient", StreamAppend.NoStream, c.PatientEvents),
                new StreamAppend(c.TumorId, "tumor", StreamAppend.NoStream, c.TumorEvents),
            }), metadata, ct: ct);
            reports += batch.Length;
            progress?.Write($"\r{Bar(reports, options.Tumors)} {reports:N0} reports loaded ({clock.Elapsed.TotalSeconds:F0} s)   ");
        }
        progress?.WriteLine();
        foreach (var projection in rebuilder.All)
        {
            progress?.WriteLine($"Building the {projection.Name} read model from the events...");
            await rebuilder.RebuildAsync(projection.Name, ct);
        }
        return (reports, events);
    }

    /// <summary>Imports the generated state's population file (SEER layout) as its denominators.</summary>
    public static async Task ImportDenominatorsAsync(PopulationStore populations, SyntheticOptions options, string importedBy, CancellationToken ct = default)
    {
        var seer = new StringWriter();
        SeerPopulationFile.Write(seer, SyntheticDenominators.Generate(options));
        var result = await populations.ImportAsync(new PopulationUpload(
            $"New Mexico counties, 2020 census counts by the 2000 US standard's ages (synthetic) {options.FirstYear}-{options.LastYear}",
            PopulationFormats.Seer, new StringReader(seer.ToString()), importedBy), ct);
        if (!result.Succeeded)
            throw new InvalidOperationException("The synthetic population failed to import: " + string.Join("; ", result.Errors.Take(3)));
    }

    // Duplicate reports come on top of the tumors asked for, so the count passes the total by about one per cent.
    private static string Bar(long done, int total)
    {
        var filled = (int)Math.Min(30, 30 * done / Math.Max(total, 1));
        return "[" + new string('#', filled) + new string('.', 30 - filled) + "]";
    }
}
