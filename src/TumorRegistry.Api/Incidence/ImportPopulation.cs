using System.Text;
using Microsoft.AspNetCore.Mvc;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence;

/// <summary>
/// POST /populations?format=seer|csv&amp;name=..: the file is the request body. Every error in the file comes back at
/// once (400, one entry per line and field) and nothing is stored; otherwise 201 with the stored population.
/// </summary>
public static class ImportPopulation
{
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static void MapImportPopulation(this RouteGroupBuilder group) =>
        group.MapPost("", async (HttpContext http, string? format, string? name, string? state, string? ages, PopulationStore store, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var fmt = (format ?? PopulationFormats.Seer).Trim().ToLowerInvariant();
                if (!PopulationFormats.All.Contains(fmt)) errors["format"] = ["seer (SEER county population file) or csv."];
                var coding = (ages ?? "groups").Trim().ToLowerInvariant() switch
                {
                    "groups" => SeerAgeCoding.NineteenGroups, "single" => SeerAgeCoding.SingleAges, _ => (SeerAgeCoding?)null,
                };
                if (coding is null) errors["ages"] = ["groups (19 age groups, 00-18) or single (single years of age)."];
                var postal = state?.Trim().ToUpperInvariant();
                if (fmt == PopulationFormats.Csv && (postal is not { Length: 2 } || !postal.All(char.IsAsciiLetterUpper)))
                    errors["state"] = ["A CSV population names its state by FIPS code only: give the postal code, e.g. state=NM."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);

                // Parsing is synchronous (TextReader): the body goes to a temporary file first, so no synchronous read touches
                // the request and a state's file does not sit in memory twice.
                var path = Path.GetTempFileName();
                PopulationImportResult result;
                try
                {
                    await using (var file = File.Create(path)) await http.Request.Body.CopyToAsync(file, ct);
                    using var reader = new StreamReader(path, Encoding.UTF8);
                    var registrar = WriteHeaders.From(http).Registrar;
                    var upload = new PopulationUpload(string.IsNullOrWhiteSpace(name) ? $"{fmt} population {DateTime.UtcNow:yyyy-MM-dd HH:mm}" : name.Trim(),
                        fmt, reader, registrar, coding!.Value, postal);
                    result = await store.ImportAsync(upload, ct);
                }
                finally
                {
                    File.Delete(path);
                }
                if (result.Stored is { } stored) return Results.Created($"/populations/{stored.Id}", stored);
                return Results.ValidationProblem(
                    result.Errors.GroupBy(e => $"line {e.LineNumber}: {e.Field}").ToDictionary(g => g.Key, g => g.Select(e => $"{e.Message} (found '{e.Value}')").ToArray()),
                    title: $"The population file has {result.Errors.Count} error(s); nothing was stored.",
                    extensions: new Dictionary<string, object?> { ["lineErrors"] = result.Errors });
            })
            // A state's SEER file with single ages over decades is tens of megabytes, beyond Kestrel's 30 MB default.
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .WithName("ImportPopulation")
            .WithSummary("Import a SEER county population file or a population CSV (the request body); all or nothing.")
            .Accepts<string>("application/octet-stream", "text/csv")
            .Produces<PopulationSummary>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
}
