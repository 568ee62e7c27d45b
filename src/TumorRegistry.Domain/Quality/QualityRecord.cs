namespace TumorRegistry.Domain.Quality;

/// <summary>
/// One tumor record as the data quality indicators read it: the case's read-model row (case_summary, which carries
/// the patient's sex and race) and the time its first event was recorded. Cases marked as duplicates are resolved
/// and are never given to the indicators.
/// </summary>
public sealed record QualityRecord
{
    public required Guid CaseId { get; init; }
    public required Guid PatientId { get; init; }
    public string? PatientIdNumber { get; init; }
    public string? Facility { get; init; }
    /// <summary>The registrar of the latest event on the case (case_summary.abstracted_by): who is assigned the work.</summary>
    public string? Abstractor { get; init; }
    public required int DxYear { get; init; }
    public string? TypeOfReportingSource { get; init; }
    /// <summary>Age at diagnosis for statistics; null when unknown (999, or no item and no usable birth date).</summary>
    public int? Age { get; init; }
    /// <summary>Sex assigned at birth as the NAACCR v26 code (1 male, 2 female, 9 other or unknown).</summary>
    public string? Sex { get; init; }
    public string? Race1 { get; init; }
    public string? County { get; init; }
    /// <summary>Error edits failing and not overridden.</summary>
    public int ErrorCount { get; init; }
    public IReadOnlyList<string> FailingEdits { get; init; } = [];
    /// <summary>What makes two records of one patient the same tumor reported twice (see <see cref="ExactDuplicates"/>); null when a part is missing.</summary>
    public string? DuplicateKey { get; init; }
    public required DateTimeOffset FirstReportedAt { get; init; }
    /// <summary>Counted in the registry's incidence (resident of its state, reportable behaviour and histology).</summary>
    public bool Counted { get; init; }
    /// <summary>The SEER site recode 2023 group name, for site-specific expected counts.</summary>
    public string? SiteGroup { get; init; }

    /// <summary>Type of Reporting Source [500] 7: death certificate only.</summary>
    public bool IsDeathCertificateOnly => TypeOfReportingSource == "7";
    public bool AgeUnknown => Age is null;
    public bool SexUnknown => Sex is not ("1" or "2");
    /// <summary>Race 1 [160] 99 (unknown) or blank. 98 (other race) is known.</summary>
    public bool RaceUnknown => string.IsNullOrWhiteSpace(Race1) || Race1.Trim() == "99";
    /// <summary>County at Diagnosis [90] 999 (unknown), blank or not a 3-digit code. 998 (outside the state) is known.</summary>
    public bool CountyUnknown => County is not { Length: 3 } c || !c.All(char.IsAsciiDigit) || c == "999";
    public bool PassesEdits => ErrorCount == 0;

    /// <summary>The end of the reporting window: the close of the diagnosis year (31 December) plus <paramref name="months"/>.</summary>
    public DateTimeOffset Deadline(int months) => new DateTimeOffset(DxYear + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(months);

    public bool ReportedWithin(int months) => FirstReportedAt < Deadline(months);
}

/// <summary>
/// Exact duplicates, until record linkage and the multiple-primary rules are in: records of the same patient with the
/// same primary site, histology, behaviour, laterality and date of diagnosis. The first reported of each group is the
/// original; every later one is a duplicate.
/// </summary>
public static class ExactDuplicates
{
    public static string? Key(Guid patientId, string? site, string? histology, string? behavior, string? laterality, string? dateOfDiagnosis) =>
        string.IsNullOrWhiteSpace(site) || string.IsNullOrWhiteSpace(histology) || string.IsNullOrWhiteSpace(dateOfDiagnosis)
            ? null
            : string.Join('|', patientId.ToString("N"), site.Trim(), histology.Trim(), behavior?.Trim(), laterality?.Trim(), dateOfDiagnosis.Trim());

    /// <summary>Each duplicate record with the case id of the original it repeats, in report order.</summary>
    public static IReadOnlyList<(QualityRecord Record, Guid DuplicateOf)> Find(IEnumerable<QualityRecord> records) =>
        records.Where(r => r.DuplicateKey is not null).GroupBy(r => r.DuplicateKey, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var ordered = g.OrderBy(r => r.FirstReportedAt).ThenBy(r => r.CaseId).ToList();
                return ordered.Skip(1).Select(r => (r, ordered[0].CaseId));
            })
            .OrderBy(d => d.r.FirstReportedAt).ThenBy(d => d.r.CaseId)
            .ToList();
}
