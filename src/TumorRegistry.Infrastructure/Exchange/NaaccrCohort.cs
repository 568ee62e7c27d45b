namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>
/// Which cases an export (or a saved cohort) takes: every filter left empty takes everything. Cases marked duplicate
/// are never exported. A patient is written with those of their cases that are in the cohort.
/// </summary>
public sealed record NaaccrCohort
{
    public static NaaccrCohort All { get; } = new();

    /// <summary>Year of Date of Diagnosis [390], from and to (inclusive).</summary>
    public int? DiagnosisYearFrom { get; init; }
    public int? DiagnosisYearTo { get; init; }

    /// <summary>SEER site recode 2023 codes or group names ("Lung and Bronchus", "Digestive System").</summary>
    public IReadOnlyList<string> SiteGroups { get; init; } = [];

    /// <summary>Reporting Facility [540] numbers.</summary>
    public IReadOnlyList<string> Facilities { get; init; } = [];

    /// <summary>State at diagnosis [80] (two letters); with <see cref="Counties"/>, the counties of that state.</summary>
    public string? State { get; init; }

    /// <summary>County at diagnosis [90], FIPS three digits.</summary>
    public IReadOnlyList<string> Counties { get; init; } = [];

    /// <summary>Case status: open, incomplete, failing_edits, completed.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Cases whose case or patient stream got an event at or after this time.</summary>
    public DateTimeOffset? ChangedSince { get; init; }

    /// <summary>A saved cohort by name (docs/cohorts.md): its cases, the same set survival and incidence read.</summary>
    public string? SavedCohort { get; init; }

    /// <summary>These cases only (what a saved cohort resolves to).</summary>
    public IReadOnlyList<Guid>? CaseIds { get; init; }
}
