using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>File formats a population can be imported from and exported to.</summary>
public static class PopulationFormats
{
    public const string Seer = "seer";
    public const string Csv = "csv";
    public static readonly IReadOnlyList<string> All = [Seer, Csv];
}

/// <summary>
/// A population file to import. <paramref name="StatePostal"/> is needed for the CSV layout only, which carries the
/// state FIPS code but not the postal code the registry's cases use; a SEER file carries both.
/// </summary>
public sealed record PopulationUpload(string Name, string Format, TextReader File, string? ImportedBy,
    SeerAgeCoding AgeCoding = SeerAgeCoding.NineteenGroups, string? StatePostal = null);

/// <summary>An imported population as listed.</summary>
public sealed record PopulationSummary(Guid Id, string Name, string Format, string AgeCoding, DateTimeOffset ImportedAt,
    string? ImportedBy, int LineCount, int CellCount, IReadOnlyList<string> States, int? FirstYear, int? LastYear);

/// <summary>Either the stored population or every error found; with errors nothing was stored.</summary>
public sealed record PopulationImportResult(PopulationSummary? Stored, IReadOnlyList<ParseError> Errors)
{
    public bool Succeeded => Stored is not null;
}
